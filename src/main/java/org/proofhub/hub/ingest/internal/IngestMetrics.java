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

    private final Map<String, Long> lagMs = new ConcurrentHashMap<>();

    /** Time from the source's commit to the durable canonical record, for the last change written. */
    void lag(String connector, Instant sourceCommit) {
        long ms = Math.max(0, java.time.Duration.between(sourceCommit, clock.instant()).toMillis());
        if (lagMs.put(connector, ms) == null) {
            io.micrometer.core.instrument.Gauge.builder("hub.ingest.lag", lagMs, m -> m.getOrDefault(connector, 0L))
                    .description("milliseconds from source commit to durable canonical record, last change")
                    .baseUnit("milliseconds").tag("connector", connector).register(registry);
        }
    }

    Long lagMs(String connector) {
        return lagMs.get(connector);
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
