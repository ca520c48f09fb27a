package org.proofhub.hub.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The hub's clock in tests: real time plus an offset the test moves forward, so a 24-hour deadline passes
 * in a millisecond while everything else in the running hub (ingest, brokers, audit) still sees time flow.
 */
public final class TestClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration d) {
        offset.accumulateAndGet(d, Duration::plus);
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
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
