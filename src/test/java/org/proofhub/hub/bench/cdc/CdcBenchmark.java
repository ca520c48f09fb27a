package org.proofhub.hub.bench.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.debezium.DebeziumEndpoint;
import org.proofhub.hub.bench.Await;
import org.proofhub.hub.bench.BenchContext;
import org.proofhub.hub.bench.BenchResult;
import org.proofhub.hub.bench.CpuUsage;
import org.proofhub.hub.bench.Benchmark;
import org.proofhub.hub.bench.HubHttp;
import org.proofhub.hub.bench.InProcessHub;
import org.proofhub.hub.bench.Metric;
import org.proofhub.hub.bench.Percentiles;
import org.proofhub.hub.bench.PgStatements;
import org.proofhub.hub.bench.cdc.BenchPersons.Person;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.ingest.IngestProperties;
import org.proofhub.hub.platform.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change-data capture from the population department's RK_JBXX into durable canonical Person records,
 * against the real hub started in this JVM. Phases, each waiting on conditions:
 * <ol>
 *   <li>the initial snapshot: one streamed insert becomes durable, so the snapshot before it is;</li>
 *   <li>hub throughput: warm-up loads until the JIT compiler has settled, then the measured load — half inserts, half updates of the
 *       inserted rows, multi-row statements committed by parallel loaders — timed from the first source
 *       statement until a sentinel insert committed after the load is a durable canonical record;</li>
 *   <li>raw Debezium: the hub's connector paused, the same load (same size, shape and batching, new
 *       rows) read by a plain embedded engine with a counting consumer;</li>
 *   <li>catch-up: the hub's connector resumed over the backlog the raw phase left it;</li>
 *   <li>latency: single-row changes paced at 500/s; per change, PostgreSQL's commit timestamp of the
 *       canonical_history row minus that of the source row (track_commit_timestamp, one server, one clock).</li>
 * </ol>
 * Sizes can be changed with system properties {@code bench.cdc.changes}, {@code bench.cdc.warm-up-changes} (per round),
 * {@code bench.cdc.max-warm-up-rounds},
 * {@code bench.cdc.rows-per-transaction}, {@code bench.cdc.loader-threads}, {@code bench.cdc.latency-seconds}.
 */
public final class CdcBenchmark implements Benchmark {
    private static final Logger log = LoggerFactory.getLogger(CdcBenchmark.class);
    private static final String CONNECTOR = HubSink.CONNECTOR;
    private static final int CHANGES = Integer.getInteger("bench.cdc.changes", 40_000);
    private static final int WARM_UP_CHANGES = Integer.getInteger("bench.cdc.warm-up-changes", 10_000);
    // C2 was still compiling for a third of the JVM's CPU during a measured load after a 20,000-change warm-up on the
    // busy 2-core machine: "sustained" means once the JIT has mostly settled, so warm-up loads repeat until then
    private static final double SETTLED_JIT_SHARE = 0.20;
    // eight rounds (about 40 s of load on a quiet machine) never got there (2026-11-28: 34, 39, 39, 38, 45, 47, 46, 43 %;
    // C2 compiled 30–60 methods a second throughout, each large one 0.2–0.5 s): a round takes the JIT's time, not a count
    private static final int MAX_WARM_UP_ROUNDS = Integer.getInteger("bench.cdc.max-warm-up-rounds", 24);
    private static final int ROWS_PER_TRANSACTION = Integer.getInteger("bench.cdc.rows-per-transaction", 1_000);
    private static final int LOADER_THREADS = Integer.getInteger("bench.cdc.loader-threads", 2);
    private static final double PACED_RATE = 500;
    private static final int PACED_SECONDS = Integer.getInteger("bench.cdc.latency-seconds", 25);
    /** Diagnosis: the hub's top SQL statements of the measured load, by execution time, into the details. */
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.cdc.pg-stat-statements");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String LOAD_STREET = "东城路";
    private static final String PACED_STREET = "西城路";

    @Override
    public String name() {
        return "cdc";
    }

    @Override
    public String description() {
        return "CDC population -> canonical Person: hub throughput, raw Debezium baseline, p99 latency at 500 changes/s";
    }

    /** One timed load: {@code changes} source changes, the last a sentinel insert committed after the rest. */
    private record Load(int changes, long start, long loaded, long arrived, List<Person> inserted, Map<String, Object> cpu,
                        double jitShare) {
        double perSecond() {
            return changes / seconds(arrived - start);
        }

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("changes", changes);
            m.put("sourceCommitSeconds", round(seconds(loaded - start)));
            m.put("sourceChangesPerSecond", Math.round((changes - 1) / seconds(loaded - start)));
            m.put("untilLastArrivedSeconds", round(seconds(arrived - start)));
            // near 0: the reader kept pace with the source, and the rate is the source's rather than the reader's capacity
            m.put("lastArrivedAfterSourceDoneSeconds", round(seconds(arrived - loaded)));
            m.put("changesPerSecond", Math.round(perSecond()));
            m.put("jitShareOfJvmCpu", round(jitShare));
            m.put("cpu", cpu);
            return m;
        }
    }

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        BenchResult result = new BenchResult();
        Map<String, String> properties = new LinkedHashMap<>(Map.of(
                "hub.demo.persons", "200",
                "hub.demo.legal-entities", "50",
                "hub.demo.live-changes-per-second", "0",
                // PostgreSQL's own commit time of every row, source and canonical alike: no clock of ours in between
                "hub.embedded-postgres.settings.track-commit-timestamp", "on"));
        if (STATEMENTS) {
            properties.putAll(PgStatements.serverSettings());
        }
        long launched = System.nanoTime();
        try (InProcessHub hub = InProcessHub.start(context.projectDirectory(), context.workDirectory().resolve("data"), properties);
             SourceWriter source = new SourceWriter(hub.bean(EmbeddedPostgresServer.class).departments()
                     .jdbcUrl(DemoDepartment.POPULATION.databaseName()), LOADER_THREADS);
             HubSink hubSink = new HubSink(hub.hubDatabase())) {
            HubHttp http = hub.http();
            Await.until("connector " + CONNECTOR + " to start", START_TIMEOUT, Duration.ofMillis(50),
                    () -> "Started".equals(http.connectorStates().get(CONNECTOR)));
            Phases phases = new Phases(source, hub.bean(EmbeddedPostgresServer.class).dataDirectory());
            phases.arrive(hubSink, START_TIMEOUT);
            result.detail("hubStartAndSnapshotSeconds", round(seconds(System.nanoTime() - launched)));

            Load hubLoad = measureHub(phases, hubSink, result);
            Properties debezium = debeziumConfiguration(hub);
            http.pause(CONNECTOR);
            long committedWhenPaused = source.committedChanges();
            Load rawLoad = measureRaw(phases, debezium, result);
            double catchUpPerSecond = catchUp(phases, hubSink, http, source.committedChanges() - committedWhenPaused, result);
            Map<String, Object> latency = new LinkedHashMap<>();
            double[] latenciesMs = phases.pacedLatencies(hubSink, hubLoad.inserted(), latency);

            double hubRate = hubLoad.perSecond();
            double rawRate = rawLoad.perSecond();
            result.metric(Metric.of("cdc.changes_per_s", hubRate, "1/s").atLeast(2_000))
                    .metric(Metric.of("cdc.p99_ms_at_500", Percentiles.of(latenciesMs, 0.99), "ms").atMost(250))
                    .metric(Metric.of("cdc.p50_ms_at_500", Percentiles.of(latenciesMs, 0.50), "ms"))
                    .metric(Metric.of("cdc.max_ms_at_500", Percentiles.of(latenciesMs, 1.0), "ms"))
                    .metric(Metric.of("cdc.raw_debezium_per_s", rawRate, "1/s"))
                    .metric(Metric.of("cdc.ratio_to_raw", hubRate / rawRate, "ratio").atLeast(0.5))
                    .metric(Metric.of("cdc.catch_up_per_s", catchUpPerSecond, "1/s"))
                    .detail("hubLoad", hubLoad.describe())
                    .detail("rawLoad", rawLoad.describe())
                    .detail("latencyAt500", latency)
                    .detail("settings", settings(hub, debezium))
                    .detail("method", "see bench/README.md: the load run twice (hub alone, then raw engine alone with the hub's"
                            + " connector paused); end of a load = a sentinel insert committed after it has arrived (hub: its"
                            + " canonical record committed, polled every 20 ms); latency = pg_xact_commit_timestamp of the"
                            + " canonical_history row - that of the source row");
        }
        return result;
    }

    /** Warm-up, then the measured load into the hub, checked to have become exactly as many history entries. */
    private static Load measureHub(Phases phases, HubSink hub, BenchResult result) throws Exception {
        result.detail("hubWarmUp", phases.warmUp(hub));
        long historyBefore = hub.lastHistoryId();
        long quarantinedBefore = hub.quarantined();
        if (STATEMENTS) {
            PgStatements.reset(hub.connection());
        }
        Load load = phases.load("measured load", hub, CHANGES);
        if (STATEMENTS) {
            result.detail("hubStatementsDuringLoad", PgStatements.top(hub.connection(), 15));
        }
        long recorded = hub.historySince(historyBefore);
        if (recorded != load.changes() || hub.quarantined() != quarantinedBefore) {
            throw new IllegalStateException("the hub recorded " + recorded + " of " + load.changes()
                    + " changes in canonical_history and quarantined " + (hub.quarantined() - quarantinedBefore));
        }
        return load;
    }

    /** The same warm-up and load read by a plain Debezium engine, while the hub's connector is paused. */
    private static Load measureRaw(Phases phases, Properties debezium, BenchResult result) throws Exception {
        try (RawDebeziumSink raw = RawDebeziumSink.start(debezium, phases.source, START_TIMEOUT)) {
            phases.arrive(raw, START_TIMEOUT);
            result.detail("rawWarmUp", phases.warmUp(raw));
            long before = raw.changes();
            Load load = phases.load("measured load", raw, CHANGES);
            if (raw.changes() - before != load.changes()) {
                throw new IllegalStateException("the raw engine consumed " + (raw.changes() - before) + " of " + load.changes() + " changes");
            }
            result.detail("rawEngine", raw.engineClass());
            return load;
        }
    }

    /** Resumes the hub's connector over what was committed while it was paused; returns changes per second. */
    private static double catchUp(Phases phases, HubSink hub, HubHttp http, long backlogBeforeLast, BenchResult result) throws Exception {
        ChangeSink.Arrival last = phases.commitLast(hub);
        long backlog = backlogBeforeLast + 1;
        log.info("bench cdc: resuming the hub's connector over a backlog of {} changes", backlog);
        long resumed = System.nanoTime();
        http.resume(CONNECTOR);
        double perSecond = backlog / seconds(last.await(timeoutFor(backlog)) - resumed);
        result.detail("catchUp", Map.of("backlogChanges", backlog, "changesPerSecond", Math.round(perSecond)));
        return perSecond;
    }

    /** The phases' common steps: loads of new bench persons into the source, and waiting for them at a sink. */
    private static final class Phases {
        private final SourceWriter source;
        private final BenchPersons persons = new BenchPersons();
        private final Path postgresData;

        Phases(SourceWriter source, Path postgresData) {
            this.source = source;
            this.postgresData = postgresData;
        }

        /** Commits the insert of a new person and returns how to wait for it at {@code sink}. */
        ChangeSink.Arrival commitLast(ChangeSink sink) throws SQLException {
            Person last = persons.next();
            ChangeSink.Arrival arrival = sink.expect(last);
            source.insert(last);
            return arrival;
        }

        /** Commits the insert of a new person and waits until {@code sink} has it: everything before it has arrived too. */
        long arrive(ChangeSink sink, Duration timeout) throws Exception {
            return commitLast(sink).await(timeout);
        }

        Load load(String what, ChangeSink sink, int changes) throws Exception {
            List<Person> inserted = persons.next(changes / 2);
            log.info("bench cdc: {} of {} changes into {} starts", what, changes, sink.name());
            CpuUsage cpu = CpuUsage.now(postgresData);
            long start = System.nanoTime();
            source.insert(inserted, ROWS_PER_TRANSACTION);
            source.move(inserted, LOAD_STREET, ROWS_PER_TRANSACTION);
            long loaded = System.nanoTime();
            log.info("bench cdc: {} committed at the source", what);
            long arrived = arrive(sink, timeoutFor(changes));
            int total = 2 * inserted.size() + 1;
            log.info("bench cdc: {} arrived", what);
            CpuUsage after = CpuUsage.now(postgresData);
            return new Load(total, start, loaded, arrived, inserted, after.since(cpu, total), after.jitShareSince(cpu));
        }

        /** Loads until the JIT compiler's share of the JVM's CPU falls below {@link #SETTLED_JIT_SHARE}. */
        Map<String, Object> warmUp(ChangeSink sink) throws Exception {
            List<Double> jitShares = new ArrayList<>();
            for (int round = 1; round <= MAX_WARM_UP_ROUNDS; round++) {
                Load l = load("warm-up round " + round, sink, WARM_UP_CHANGES);
                jitShares.add(round(l.jitShare()));
                log.info("bench cdc: warm-up round {}: {} changes/s, JIT {} % of the JVM's CPU", round,
                        Math.round(l.perSecond()), Math.round(l.jitShare() * 100));
                if (l.jitShare() < SETTLED_JIT_SHARE) {
                    break;
                }
            }
            return Map.of("changesPerRound", WARM_UP_CHANGES, "jitShareOfJvmCpuPerRound", jitShares,
                    "settled", jitShares.get(jitShares.size() - 1) < SETTLED_JIT_SHARE);
        }

        /**
         * Changes one row per transaction at {@link #PACED_RATE}, alternately inserting a new person and moving one
         * of {@code existing}, and returns each change's latency in ms from source commit to durable canonical history.
         */
        double[] pacedLatencies(HubSink hub, List<Person> existing, Map<String, Object> report) throws Exception {
            int count = (int) (PACED_RATE * PACED_SECONDS);
            if (existing.size() < count / 2) {
                throw new IllegalArgumentException("the paced run moves " + count / 2 + " people of the measured load, which has "
                        + existing.size() + "; raise bench.cdc.changes or lower bench.cdc.latency-seconds");
            }
            long historyBefore = hub.lastHistoryId();
            List<String> changed = new ArrayList<>(count);
            log.info("bench cdc: {} single-row changes at {}/s start", count, PACED_RATE);
            CpuUsage cpu = CpuUsage.now(postgresData);
            long period = Math.round(1e9 / PACED_RATE);
            long start = System.nanoTime();
            long maxBehind = 0;
            for (int i = 0; i < count; i++) {
                long due = start + i * period;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                // behind schedule the loader does not skip: the next change goes at once
                maxBehind = Math.max(maxBehind, now - due);
                Person p;
                if (i % 2 == 0) {
                    p = persons.next();
                    source.insert(p);
                } else {
                    p = existing.get(i / 2);
                    source.move(p, PACED_STREET);
                }
                changed.add(p.rkbh());
            }
            long end = System.nanoTime();
            arrive(hub, timeoutFor(count));
            Map<String, Object> cpuUsed = CpuUsage.now(postgresData).since(cpu, count + 1);
            log.info("bench cdc: paced changes arrived");

            Map<String, Long> committed = new HashMap<>();
            try (Connection c = source.connection()) {
                query(c, "select \"RKBH\", pg_xact_commit_timestamp(xmin) from \"" + BenchPersons.TABLE + "\" where \"RKBH\" = any(?)",
                        c.createArrayOf("text", changed.toArray()), committed);
            }
            Map<String, Long> durable = new HashMap<>();
            query(hub.connection(), "select source_key, pg_xact_commit_timestamp(xmin) from canonical_history where connector_id = '"
                    + CONNECTOR + "' and id > ?", historyBefore, durable);
            double[] ms = new double[changed.size()];
            int missing = 0;
            for (int i = 0; i < ms.length; i++) {
                Long from = committed.get(changed.get(i));
                Long to = durable.get(changed.get(i));
                if (from == null || to == null) {
                    missing++;
                    continue;
                }
                ms[i] = (to - from) / 1000.0;
            }
            if (missing > 0) {
                throw new IllegalStateException(missing + " of " + count + " paced changes have no commit timestamp at the source"
                        + " or no durable canonical history entry");
            }
            report.put("changes", count);
            report.put("achievedPerSecond", Math.round(count / seconds(end - start)));
            report.put("loaderMaxBehindScheduleMs", round(maxBehind / 1e6));
            report.put("p90Ms", round(Percentiles.of(ms, 0.90)));
            report.put("p999Ms", round(Percentiles.of(ms, 0.999)));
            report.put("cpu", cpuUsed);
            return ms;
        }
    }

    /** Fills {@code into} with key → commit time in µs since the epoch from a (key, timestamptz) query. */
    private static void query(Connection c, String sql, Object parameter, Map<String, Long> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime t = rs.getObject(2, OffsetDateTime.class);
                    if (t != null) {
                        into.put(rs.getString(1), t.toEpochSecond() * 1_000_000 + t.getNano() / 1_000);
                    }
                }
            }
        }
    }

    /** The Debezium configuration Camel built for the hub's connector: the raw engine starts from the same. */
    private static Properties debeziumConfiguration(InProcessHub hub) {
        Endpoint endpoint = hub.bean(CamelContext.class).getRoute(CONNECTOR).getEndpoint();
        if (!(endpoint instanceof DebeziumEndpoint<?> debezium)) {
            throw new IllegalStateException("connector " + CONNECTOR + " does not read from a Debezium endpoint: " + endpoint);
        }
        return debezium.getConfiguration().createDebeziumConfiguration().asProperties();
    }

    private static Map<String, Object> settings(InProcessHub hub, Properties debezium) {
        IngestProperties ingest = hub.bean(IngestProperties.class);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hub.ingest.batch-size", ingest.batchSize());
        m.put("hub.ingest.lane-capacity", ingest.laneCapacity());
        for (String key : List.of("poll.interval.ms", "max.batch.size", "max.queue.size", "offset.flush.interval.ms", "plugin.name",
                "heartbeat.interval.ms", "statistics.metrics.enabled")) {
            m.put("debezium." + key, debezium.getProperty(key));
        }
        m.put("changesMeasured", CHANGES);
        m.put("warmUpChangesPerRound", WARM_UP_CHANGES);
        m.put("rowsPerTransaction", ROWS_PER_TRANSACTION);
        m.put("loaderThreads", LOADER_THREADS);
        m.put("pacedSeconds", PACED_SECONDS);
        return m;
    }

    private static Duration timeoutFor(long changes) {
        // generous: a slow hub must produce a slow figure, not a timeout
        return Duration.ofSeconds(120 + changes / 50);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
