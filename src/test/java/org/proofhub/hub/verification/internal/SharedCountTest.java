package org.proofhub.hub.verification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.support.MutableClock;

class SharedCountTest {

    @Test
    void readersShareOneCountUntilTheHubsClockHasMovedTheMaximumAge() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
        AtomicInteger counted = new AtomicInteger();
        SharedCount<Integer> count = new SharedCount<>(counted::incrementAndGet, clock, Duration.ofMinutes(10));

        assertThat(count.get()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(9));
        assertThat(count.get()).as("nine minutes old: shared").isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(count.get()).as("ten minutes old: counted again").isEqualTo(2);
        clock.advance(Duration.ofHours(-1));
        assertThat(count.get()).as("a clock set back an hour counts again too").isEqualTo(3);
        assertThat(counted).hasValue(3);
    }

    @Test
    void aClockThatStandsStillDoesNotFreezeTheCount() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));
        AtomicInteger counted = new AtomicInteger();
        SharedCount<Integer> count = new SharedCount<>(counted::incrementAndGet, clock, Duration.ofMillis(1));

        assertThat(count.get()).isEqualTo(1);
        // the hub's clock does not move, the machine's does
        await().atMost(Duration.ofSeconds(5)).until(() -> count.get() > 1);
    }
}
