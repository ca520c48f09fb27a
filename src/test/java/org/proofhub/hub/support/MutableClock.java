package org.proofhub.hub.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand (and that stands still otherwise), so that expiry and revocation are tested without waiting. */
public final class MutableClock extends Clock {
    private volatile Instant instant;

    public MutableClock(Instant start) {
        this.instant = start;
    }

    /** Moves the clock; a negative duration sets it back. */
    public void advance(Duration duration) {
        instant = instant.plus(duration);
    }

    @Override
    public Instant instant() {
        return instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the hub's clocks are UTC");
    }
}
