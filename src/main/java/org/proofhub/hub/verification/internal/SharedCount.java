package org.proofhub.hub.verification.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A count over many rows that several readers share until it is {@code maxAge} old, instead of each counting on its
 * own. The every-unit SLA counts read every request still awaiting an answer (about 150 ms of PostgreSQL CPU with
 * 110,000 of them) and the gauges (every 10 s) and the alert check (every 15 s) each counted them: two bursts on a busy
 * database where one does. Age is measured on the hub's clock and on the machine's: the count is taken again once
 * either has moved {@code maxAge} past it, so a test clock that stands still does not freeze it, and one moved an hour
 * ahead does not read counts from before.
 */
final class SharedCount<T> {
    private final Supplier<T> count;
    private final Clock clock;
    private final Duration maxAge;
    private volatile Taken<T> last;

    private record Taken<T>(Instant clockTime, long nanoTime, T value) {
    }

    SharedCount(Supplier<T> count, Clock clock, Duration maxAge) {
        this.count = count;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    T get() {
        Taken<T> t = last;
        if (fresh(t)) {
            return t.value();
        }
        // one count at a time: a reader that started counting earlier must not replace a later count with its older one
        synchronized (this) {
            t = last;
            if (!fresh(t)) {
                t = new Taken<>(clock.instant(), System.nanoTime(), count.get());
                last = t;
            }
            return t.value();
        }
    }

    private boolean fresh(Taken<T> t) {
        return t != null && System.nanoTime() - t.nanoTime() < maxAge.toNanos()
                && Duration.between(t.clockTime(), clock.instant()).abs().compareTo(maxAge) < 0;
    }
}
