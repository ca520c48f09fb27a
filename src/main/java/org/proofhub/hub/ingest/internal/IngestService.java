package org.proofhub.hub.ingest.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.proofhub.hub.ingest.IngestConfig;
import org.proofhub.hub.ingest.IngestPipeline;
import org.proofhub.hub.ingest.IngestProperties;
import org.proofhub.hub.ingest.MappingDefinition;
import org.proofhub.hub.ingest.SourceChange;
import org.proofhub.hub.platform.DataProtection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest pipeline: maps each source change with the current configuration and hands the result
 * to its connector's lane. Holds the configuration snapshot, which a reload swaps atomically.
 */
public final class IngestService implements IngestPipeline, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);
    /** Table name an adapter gives a record it could not even read (see {@link FileDropAdapter}). */
    static final String UNREADABLE = "unreadable:";

    private final AtomicReference<MappingEngine> engine;
    private final CanonicalWriter writer;
    private final IngestMetrics metrics;
    private final IngestProperties properties;
    private final Clock clock;
    private final Map<String, IngestLane> lanes = new ConcurrentHashMap<>();

    IngestService(IngestConfig config, DataSource dataSource, DataProtection protection, Clock clock,
                  IngestMetrics metrics, IngestProperties properties, QuarantineCodec codec) {
        this.engine = new AtomicReference<>(new MappingEngine(config));
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.writer = new CanonicalWriter(dataSource, () -> engine.get().config(), protection, clock, codec);
    }

    @Override
    public IngestConfig config() {
        return engine.get().config();
    }

    /** Swaps in a newly validated configuration; changes already queued keep the mapping they were made with. */
    public void use(IngestConfig config) {
        engine.set(new MappingEngine(config));
        log.info("ingest configuration now has {} connector(s) and {} mapping(s)", config.connectors().size(), config.mappings().size());
    }

    @Override
    public CompletableFuture<Void> accept(SourceChange change) {
        metrics.received(change.connectorId(), change.capturedAt());
        List<Work> work = toWork(change, null, null);
        if (work.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        IngestLane lane = lane(change.connectorId());
        if (work.size() == 1) {
            return lane.submit(work.get(0));
        }
        return CompletableFuture.allOf(work.stream().map(lane::submit).toArray(CompletableFuture[]::new));
    }

    /**
     * Camel bean method for streaming sources: queues the change and returns at once. (A returned
     * future would make Camel wait for the write; a streaming source's durability comes from the
     * offset store's drain barrier instead.)
     */
    public void enqueue(SourceChange change) {
        accept(change);
    }

    /**
     * Maps {@code change}; {@code onlyMapping} limits a replay to the mapping it failed in, and
     * {@code quarantineId} ties the results to that quarantine entry.
     */
    List<Work> toWork(SourceChange change, String onlyMapping, Long quarantineId) {
        if (change.sourceTable().startsWith(UNREADABLE)) {
            return List.of(new Work.Quarantine(change, null, String.valueOf(change.values().get("_reason")), quarantineId));
        }
        MappingEngine e = engine.get();
        List<MappingOutcome> outcomes;
        try {
            if (onlyMapping != null && !onlyMapping.isEmpty() && e.config().mappings().containsKey(onlyMapping)) {
                outcomes = List.of(e.apply(e.config().mappings().get(onlyMapping), change));
            } else {
                outcomes = e.apply(change);
            }
        } catch (RuntimeException ex) {
            // a bug in a mapping step must not lose the row: keep it for replay after the fix
            log.error("mapping a change from {} / {} failed unexpectedly", change.connectorId(), change.sourceTable(), ex);
            return List.of(new Work.Quarantine(change, null, "internal error while mapping: " + ex.getClass().getSimpleName(), quarantineId));
        }
        if (outcomes.isEmpty()) {
            return List.of(new Work.Quarantine(change, null, "no mapping for source table " + change.sourceTable()
                    + " of connector " + change.connectorId(), quarantineId));
        }
        List<Work> work = new ArrayList<>(outcomes.size());
        for (MappingOutcome o : outcomes) {
            if (o instanceof MappingOutcome.Normalised n) {
                work.add(new Work.Apply(n, quarantineId));
            } else if (o instanceof MappingOutcome.Rejected r) {
                work.add(new Work.Quarantine(r.change(), r.mapping(), r.reason(), quarantineId));
            } else if (o instanceof MappingOutcome.NotApplicable na && quarantineId != null) {
                work.add(new Work.Resolve(quarantineId, "DISCARDED", "mapping " + na.mapping().id() + " no longer applies"));
            }
        }
        return work;
    }

    CompletableFuture<Void> submit(String connectorId, List<Work> work) {
        IngestLane lane = lane(connectorId);
        return CompletableFuture.allOf(work.stream().map(lane::submit).toArray(CompletableFuture[]::new));
    }

    /** Blocks until everything {@code connectorId} has handed over so far is durable. */
    public void awaitDrained(String connectorId) throws TimeoutException, InterruptedException {
        lane(connectorId).awaitDrained(properties.drainTimeout());
    }

    public void awaitDrained(String connectorId, Duration timeout) throws TimeoutException, InterruptedException {
        lane(connectorId).awaitDrained(timeout);
    }

    int queued(String connectorId) {
        IngestLane l = lanes.get(connectorId);
        return l == null ? 0 : l.queued();
    }

    String lastError(String connectorId) {
        IngestLane l = lanes.get(connectorId);
        return l == null ? null : org.proofhub.hub.platform.Masking.maskIdentifiers(l.lastError());
    }

    MappingDefinition mapping(String id) {
        return engine.get().config().mappings().get(id);
    }

    private IngestLane lane(String connectorId) {
        return lanes.computeIfAbsent(connectorId, id -> {
            IngestLane lane = new IngestLane(id, writer, metrics, properties.batchSize(), properties.laneCapacity());
            metrics.lagOf(id, () -> lane.lagMs(clock.instant()));
            return lane;
        });
    }

    @Override
    public void close() {
        lanes.values().forEach(IngestLane::close);
    }
}
