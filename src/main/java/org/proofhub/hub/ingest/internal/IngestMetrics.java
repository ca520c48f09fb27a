package org.proofhub.hub.ingest.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-connector counters exported as {@code hub_ingest_*} and the last time each connector delivered. */
final class IngestMetrics {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastEvent = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSourceCommit = new ConcurrentHashMap<>();

    IngestMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    void recordBatch(String connector, int size, CanonicalWriter.Result r) {
        counter(connector, "applied").increment(r.applied());
        counter(connector, "unchanged").increment(r.unchanged());
        counter(connector, "duplicate").increment(r.duplicates());
        counter(connector, "quarantined").increment(r.quarantined());
        counter(connector, "conflict").increment(r.conflicts());
        lastEvent.put(connector, clock.instant());
    }

    private final Map<String, java.util.function.LongSupplier> lagSources = new ConcurrentHashMap<>();

    /** The lag of {@code connector} is what {@code lagMs} says (its ingest lane's backlog age). */
    void lagOf(String connector, java.util.function.LongSupplier lagMs) {
        if (lagSources.putIfAbsent(connector, lagMs) == null) {
            io.micrometer.core.instrument.Gauge.builder("hub.ingest.lag", lagMs, java.util.function.LongSupplier::getAsLong)
                    .description("milliseconds the canonical store is behind the source: age of the oldest received change"
                            + " not yet durable, 0 when caught up")
                    .baseUnit("milliseconds").tag("connector", connector).register(registry);
        }
    }

    /** Null for a connector that has delivered nothing since the start. */
    Long lagMs(String connector) {
        java.util.function.LongSupplier lag = lagSources.get(connector);
        return lag == null ? null : lag.getAsLong();
    }

    void received(String connector, Instant sourceCommit) {
        counter(connector, "received").increment();
        lastSourceCommit.merge(connector, sourceCommit, (a, b) -> a.isAfter(b) ? a : b);
    }

    Instant lastEvent(String connector) {
        return lastEvent.get(connector);
    }

    Instant lastSourceCommit(String connector) {
        return lastSourceCommit.get(connector);
    }

    double count(String connector, String outcome) {
        return counter(connector, outcome).count();
    }

    private Counter counter(String connector, String outcome) {
        return counters.computeIfAbsent(connector + "/" + outcome, k -> Counter.builder("hub.ingest.changes")
                .description("source changes handled by the ingest pipeline, by outcome")
                .tag("connector", connector).tag("outcome", outcome).register(registry));
    }
}
