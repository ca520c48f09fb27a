package org.proofhub.hub.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberingPasswordEncoderTest {
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    /** Counts the slow checks; "hash:" + password is the stored form. */
    static final class CountingEncoder implements PasswordEncoder {
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return "hash:" + raw;
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return encoded.equals("hash:" + raw);
        }
    }

    CountingEncoder slow = new CountingEncoder();

    RememberingPasswordEncoder at(Instant now) {
        return new RememberingPasswordEncoder(slow, Duration.ofMinutes(5), 100, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aMatchedPasswordIsRememberedUntilItsTimeIsUp() {
        MovingClock clock = new MovingClock();
        RememberingPasswordEncoder encoder = new RememberingPasswordEncoder(slow, Duration.ofMinutes(5), 100, clock);
        assertThat(encoder.matches("secret", "hash:secret")).isTrue();
        clock.now = T0.plus(Duration.ofMinutes(4));
        assertThat(encoder.matches("secret", "hash:secret")).isTrue();
        assertThat(slow.checks).hasValue(1);
        clock.now = T0.plus(Duration.ofMinutes(5));
        assertThat(encoder.matches("secret", "hash:secret")).isTrue();
        assertThat(slow.checks).as("checked again once the time is up").hasValue(2);
    }

    @Test
    void wrongPasswordsAreAlwaysCheckedAndNeverRemembered() {
        RememberingPasswordEncoder encoder = at(T0);
        assertThat(encoder.matches("secret", "hash:secret")).isTrue();
        assertThat(encoder.matches("guess", "hash:secret")).isFalse();
        assertThat(encoder.matches("guess", "hash:secret")).isFalse();
        assertThat(slow.checks).hasValue(3);
    }

    @Test
    void aChangedPasswordHashIsNotMatchedByTheOldPassword() {
        RememberingPasswordEncoder encoder = at(T0);
        assertThat(encoder.matches("old", "hash:old")).isTrue();
        assertThat(encoder.matches("old", "hash:new")).isFalse();
        assertThat(encoder.matches("new", "hash:new")).isTrue();
    }

    @Test
    void aFullTableIsDroppedSoMemoryStaysBounded() {
        RememberingPasswordEncoder encoder = new RememberingPasswordEncoder(slow, Duration.ofMinutes(5), 2, Clock.fixed(T0, ZoneOffset.UTC));
        encoder.matches("a", "hash:a");
        encoder.matches("b", "hash:b");
        encoder.matches("c", "hash:c");
        encoder.matches("a", "hash:a");
        assertThat(slow.checks).as("a was dropped with the full table and checked again").hasValue(4);
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
