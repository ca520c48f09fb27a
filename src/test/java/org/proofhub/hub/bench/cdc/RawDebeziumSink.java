package org.proofhub.hub.bench.cdc;

import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;
import org.proofhub.hub.bench.Await;
import org.proofhub.hub.bench.cdc.BenchPersons.Person;

/**
 * The baseline: a plain Debezium embedded engine, built the way Camel builds the hub's
 * ({@code DebeziumEngine.create(Connect.class)}), with the hub connector's own Debezium configuration
 * except for its own replication slot (dropped on stop), offsets in memory and no snapshot. Its
 * consumer only counts the table's change records and marks every record processed.
 */
final class RawDebeziumSink implements ChangeSink, AutoCloseable {
    static final String SLOT = "bench_raw";

    private final DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-raw-debezium"));
    private final AtomicLong changes = new AtomicLong();
    private final Map<String, CompletableFuture<Long>> awaited = new ConcurrentHashMap<>();
    private volatile Throwable failure;

    private final SourceWriter source;

    private RawDebeziumSink(Properties configuration, SourceWriter source) {
        this.source = source;
        this.engine = DebeziumEngine.create(Connect.class)
                .using(configuration)
                .notifying(this::consume)
                .using((success, message, error) -> {
                    if (!success) {
                        failure = error != null ? error : new IllegalStateException(message);
                        awaited.values().forEach(f -> f.completeExceptionally(failure));
                    }
                })
                .build();
        runner.execute(engine);
    }

    /** Starts the engine and returns once its slot streams; {@code source} is where to ask PostgreSQL. */
    static RawDebeziumSink start(Properties hubConnectorConfiguration, SourceWriter source, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.putAll(hubConnectorConfiguration);
        p.setProperty("name", "bench-raw");
        p.setProperty("topic.prefix", "bench-raw");
        p.setProperty("slot.name", SLOT);
        p.setProperty("slot.drop.on.stop", "true");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("offset.storage", MemoryOffsetBackingStore.class.getName());
        RawDebeziumSink sink = new RawDebeziumSink(p, source);
        try (Connection c = source.connection();
             PreparedStatement ps = c.prepareStatement("select active from pg_replication_slots where slot_name = ?")) {
            ps.setString(1, SLOT);
            // without snapshot it sees only what commits after its slot exists and streams
            Await.until("the raw engine's slot " + SLOT + " to stream", timeout, Duration.ofMillis(20), () -> {
                if (sink.failure != null) {
                    throw new IllegalStateException("raw Debezium engine failed", sink.failure);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            });
        } catch (Exception e) {
            sink.close();
            throw e;
        }
        return sink;
    }

    @Override
    public String name() {
        return "raw-debezium";
    }

    /** Change records consumed so far. */
    long changes() {
        return changes.get();
    }

    String engineClass() {
        return engine.getClass().getName();
    }

    @Override
    public Arrival expect(Person person) {
        CompletableFuture<Long> seen = awaited.computeIfAbsent(person.rkbh(), k -> new CompletableFuture<>());
        return timeout -> {
            try {
                if (failure != null) {
                    seen.completeExceptionally(failure);
                }
                return seen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                awaited.remove(person.rkbh());
            }
        };
    }

    private void consume(List<ChangeEvent<SourceRecord, SourceRecord>> records,
                         DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer) throws InterruptedException {
        for (ChangeEvent<SourceRecord, SourceRecord> event : records) {
            SourceRecord r = event.value();
            // only row changes: heartbeats (heartbeat.interval.ms, as the hub's connector has it) are records too
            if (r != null && r.value() != null && r.topic().endsWith("." + BenchPersons.TABLE)) {
                changes.incrementAndGet();
                if (!awaited.isEmpty() && r.key() instanceof Struct key) {
                    CompletableFuture<Long> f = awaited.get(String.valueOf(key.get("RKBH")));
                    if (f != null) {
                        f.complete(System.nanoTime());
                    }
                }
            }
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    @Override
    public void close() throws Exception {
        engine.close();
        runner.shutdown();
        if (!runner.awaitTermination(30, TimeUnit.SECONDS)) {
            runner.shutdownNow();
        }
        // slot.drop.on.stop drops it on a clean stop; a slot left behind would hold back WAL for the rest of the run
        try (Connection c = source.connection();
             PreparedStatement ps = c.prepareStatement("""
                     select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ? and not active""");
             PreparedStatement exists = c.prepareStatement("select 1 from pg_replication_slots where slot_name = ?")) {
            ps.setString(1, SLOT);
            exists.setString(1, SLOT);
            Await.until("the raw engine's slot " + SLOT + " to be gone", Duration.ofSeconds(30), Duration.ofMillis(50), () -> {
                ps.executeQuery().close();
                try (ResultSet rs = exists.executeQuery()) {
                    return !rs.next();
                }
            });
        }
    }
}
