package org.proofhub.hub.bench.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.bench.Await;
import org.proofhub.hub.bench.BenchContext;
import org.proofhub.hub.bench.BenchResult;
import org.proofhub.hub.bench.Benchmark;
import org.proofhub.hub.bench.ChildJvm;
import org.proofhub.hub.bench.CpuUsage;
import org.proofhub.hub.bench.InProcessHub;
import org.proofhub.hub.bench.Metric;
import org.proofhub.hub.bench.PgStatements;
import org.proofhub.hub.platform.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The verification SLA timers (issue 5, SPEC §4.5) in two parts:
 * <ol>
 *   <li>firing: 100,000 pending requests whose deadlines are spread over one minute are fired by the running hub's
 *       scheduler (in this JVM), each with everything firing means (the request's escalation, the supervisor's alert,
 *       the message on the supervisor's queue through the outbox, the ESCALATION timer, the timeline event). Lateness
 *       is the time from a deadline's due time to the moment its batch's work was done ({@code fired_at}), read from
 *       the deadline table afterwards;</li>
 *   <li>heap: one million pending deadlines held by a hub in a JVM of its own limited to {@code -Xmx512m}
 *       ({@link DeadlineHeapBench}); the figure is the heap in use after a full collection.</li>
 * </ol>
 * System properties: {@code bench.deadline.deadlines} (100000), {@code bench.deadline.spread-seconds} (60),
 * {@code bench.deadline.heap-deadlines} (1000000), {@code bench.deadline.heap-seconds} (60); for diagnosis
 * {@code bench.deadline.pg-stat-statements=true} (the hub database's top statements while the deadlines fire) and
 * {@code bench.deadline.heap=false} (the firing part alone).
 */
public final class DeadlineBenchmark implements Benchmark {
    private static final Logger log = LoggerFactory.getLogger(DeadlineBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEADLINES = Integer.getInteger("bench.deadline.deadlines", 100_000);
    private static final Duration SPREAD = Duration.ofSeconds(Integer.getInteger("bench.deadline.spread-seconds", 60));
    private static final int WARM_UP_DEADLINES = 5_000;
    /** How far ahead the measured deadlines begin: the bulk insert and its settling must be over by then. */
    private static final Duration LEAD = Duration.ofSeconds(60);
    static final long HEAP_LIMIT_MB = 512;
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(20);
    /** Diagnosis: the hub database's top SQL statements while the deadlines fire, by execution time, into the details. */
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.deadline.pg-stat-statements");
    /** Diagnosis of the firing part alone: {@code -Dbench.deadline.heap=false} skips the heap part and its metric. */
    private static final boolean HEAP = Boolean.parseBoolean(System.getProperty("bench.deadline.heap", "true"));

    @Override
    public String name() {
        return "deadline";
    }

    @Override
    public String description() {
        return "verification timers: lateness of " + DEADLINES + " deadlines due within " + SPREAD.toSeconds()
                + " s; heap of a -Xmx" + HEAP_LIMIT_MB + "m hub holding " + DeadlineHeapBench.DEADLINES + " pending deadlines";
    }

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        BenchResult result = new BenchResult();
        Map<String, Object> firing = firing(context);
        result.metric(Metric.of("deadline.lateness_p99_ms", (double) firing.get("latenessP99Ms"), "ms").atMost(250))
                .metric(Metric.of("deadline.lateness_max_ms", (double) firing.get("latenessMaxMs"), "ms").atMost(1000))
                .detail("firing", firing);
        if (HEAP) {
            Map<String, Object> heap = heap(context);
            result.metric(Metric.of("deadline.heap_mb_at_1m", ((Number) heap.get("heapAfterGcMb")).doubleValue(), "MB").atMost(HEAP_LIMIT_MB))
                    .detail("heap", heap);
        }
        return result
                .detail("settings", Map.of("deadlines", DEADLINES, "spreadSeconds", SPREAD.toSeconds(),
                        "heapDeadlines", DeadlineHeapBench.DEADLINES, "heapSeconds", DeadlineHeapBench.SECONDS, "hub", BenchHub.properties()))
                .detail("method", "see bench/README.md: firing = real hub in the bench JVM, deadlines written in bulk into"
                        + " verification_request/verification_deadline, lateness = fired_at - due_at per deadline (fired_at is"
                        + " stamped when the batch's work is done, before its commit), nearest rank; heap = child JVM -Xmx"
                        + HEAP_LIMIT_MB + "m running the hub with the pending deadlines for a while, heap used after System.gc()");
    }

    private Map<String, Object> firing(BenchContext context) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, String> extra = STATEMENTS
                ? PgStatements.serverSettings() : Map.of();
        try (InProcessHub hub = BenchHub.start(context.projectDirectory(), context.workDirectory().resolve("firing-data"), extra)) {
            Path postgresData = hub.bean(EmbeddedPostgresServer.class).dataDirectory();
            JdbcTemplate db = hub.bean(JdbcTemplate.class);
            // a running hub is warm: fire a few thousand first, as it would have that day
            BenchDeadlines.insert(db, "WARM-", WARM_UP_DEADLINES, Instant.now().plusSeconds(2), Duration.ofSeconds(10));
            Instant first = Instant.now().plus(LEAD);
            log.info("bench deadline: {} deadlines due from {} over {} s", DEADLINES, first, SPREAD.toSeconds());
            long insertStart = System.nanoTime();
            BenchDeadlines.insert(db, "BENCH-", DEADLINES, first, SPREAD);
            // the bulk insert is the benchmark's, not the hub's: settle its statistics and dirty pages before the run
            db.execute("analyze verification_request");
            db.execute("analyze verification_deadline");
            db.execute("checkpoint");
            long insertMs = (System.nanoTime() - insertStart) / 1_000_000;
            if (Instant.now().isAfter(first.minusSeconds(5))) {
                throw new IllegalStateException("inserting took " + insertMs + " ms: the first deadlines fall due before the run can begin");
            }
            long warmFired = count(db, "select count(*) from verification_deadline where state = 'FIRED' and request_id like 'WARM-%'");
            if (STATEMENTS) {
                try (java.sql.Connection c = hub.hubDatabase().getConnection()) {
                    PgStatements.reset(c);
                }
            }
            CpuUsage cpu0 = CpuUsage.now(postgresData);
            // the database is the scheduler's: no query of the bench until the last deadline is due, then a cheap one (the
            // due-time index, up to the last deadline: the backlog only) every 100 ms
            Instant last = first.plus(SPREAD);
            Await.until("the last deadline to fall due", LEAD.plus(SPREAD).plus(Duration.ofMinutes(1)), Duration.ofMillis(100),
                    () -> Instant.now().isAfter(last));
            Await.until("the " + DEADLINES + " deadlines to fire", Duration.ofMinutes(5), Duration.ofMillis(100),
                    () -> count(db, "select count(*) from verification_deadline where state = 'PENDING' and due_at <= ?"
                            + " and kind = 'DEADLINE'", Timestamp.from(last)) == 0);
            CpuUsage cpu1 = CpuUsage.now(postgresData);
            List<String> statements = null;
            if (STATEMENTS) {
                try (java.sql.Connection c = hub.hubDatabase().getConnection()) {
                    statements = PgStatements.top(c, 15);
                }
            }
            Map<String, Object> lateness = db.queryForMap("""
                    select count(*) as fired,
                           percentile_disc(0.5) within group (order by ms) as p50,
                           percentile_disc(0.9) within group (order by ms) as p90,
                           percentile_disc(0.99) within group (order by ms) as p99,
                           percentile_disc(0.999) within group (order by ms) as p999,
                           max(ms) as max
                    from (select extract(epoch from fired_at - due_at) * 1000 as ms from verification_deadline
                          where request_id like 'BENCH-%' and kind = 'DEADLINE' and state = 'FIRED') l""");
            long fired = ((Number) lateness.get("fired")).longValue();
            if (fired != DEADLINES) {
                throw new IllegalStateException(DEADLINES + " deadlines inserted, " + fired + " fired");
            }
            List<Map<String, Object>> byFiveSeconds = db.queryForList("""
                    select floor(extract(epoch from due_at - ?::timestamptz) / 5) * 5 as from_s, count(*) as deadlines,
                           round(percentile_disc(0.99) within group (order by extract(epoch from fired_at - due_at) * 1000)) as p99_ms,
                           round(max(extract(epoch from fired_at - due_at) * 1000)) as max_ms
                    from verification_deadline where request_id like 'BENCH-%' and kind = 'DEADLINE' and state = 'FIRED'
                    group by 1 order by 1""", Timestamp.from(first));
            // per batch: how many the scheduler threads claimed at once, and how long the batch's work took
            Map<String, Object> batches = db.queryForMap("""
                    select count(*) as batches, round(avg(n)) as avg_size, max(n) as max_size,
                           round(avg(work_ms)::numeric, 1) as avg_work_ms, round(max(work_ms)::numeric, 1) as max_work_ms
                    from (select claimed_at, fired_at, count(*) as n, extract(epoch from fired_at - claimed_at) * 1000 as work_ms
                          from verification_deadline where request_id like 'BENCH-%' and kind = 'DEADLINE' and state = 'FIRED'
                          group by claimed_by, claimed_at, fired_at) b""");
            long escalated = count(db, "select count(*) from verification_event where type = 'ESCALATED' and request_id like 'BENCH-%'");
            long escalationTimers = count(db, "select count(*) from verification_deadline where kind = 'ESCALATION' and request_id like 'BENCH-%'");
            if (escalated != DEADLINES || escalationTimers != DEADLINES) {
                throw new IllegalStateException(DEADLINES + " deadlines fired, but " + escalated + " escalation events and "
                        + escalationTimers + " ESCALATION timers");
            }
            m.put("deadlines", DEADLINES);
            m.put("spreadSeconds", SPREAD.toSeconds());
            m.put("warmUpDeadlinesFiredBefore", warmFired);
            m.put("fired", fired);
            m.put("escalationEvents", escalated);
            m.put("escalationTimers", escalationTimers);
            m.put("latenessP50Ms", number(lateness.get("p50")));
            m.put("latenessP90Ms", number(lateness.get("p90")));
            m.put("latenessP99Ms", number(lateness.get("p99")));
            m.put("latenessP999Ms", number(lateness.get("p999")));
            m.put("latenessMaxMs", number(lateness.get("max")));
            m.put("latenessByFiveSecondsOfDueTime", byFiveSeconds);
            m.put("batches", batches);
            m.put("insertAndSettleMs", insertMs);
            m.put("jitShareOfJvmCpu", Math.round(cpu1.jitShareSince(cpu0) * 1000) / 1000.0);
            m.put("cpu", cpu1.since(cpu0, DEADLINES));
            if (statements != null) {
                m.put("hubStatements", statements);
            }
            m.put("what", "claim FOR UPDATE SKIP LOCKED in batches (hub.verification.scheduler-batch-size, 500; 2 scheduler threads);"
                    + " per deadline: request escalated, supervisor alert, outbox message (relayed to"
                    + " hub.verification.unit.<U>.supervisor), ESCALATION timer, timeline event; one transaction per batch");
            log.info("bench deadline: firing {}", m);
        }
        return m;
    }

    /** Runs {@link DeadlineHeapBench} in a JVM limited to 512 MB of heap and reads what it wrote. */
    private Map<String, Object> heap(BenchContext context) throws Exception {
        Path work = context.workDirectory().resolve("heap");
        Files.createDirectories(work);
        Path out = work.resolve("heap.json");
        Path logFile = work.resolve("hub.log");
        List<String> options = new ArrayList<>(List.of("-Xmx" + HEAP_LIMIT_MB + "m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.deadline.")) {
                options.add("-D" + k + "=" + v);
            }
        });
        log.info("bench deadline: heap, child JVM {} (log: {})", options, logFile);
        // the test class path: the child runs DeadlineHeapBench, a test class, which starts the hub
        try (ChildJvm child = ChildJvm.start(context.projectDirectory(), logFile, options, System.getProperty("java.class.path"),
                DeadlineHeapBench.class.getName(), List.of(context.projectDirectory().toString(), work.resolve("data").toString(), out.toString()))) {
            Await.until("the heap bench's child JVM to finish (log: " + logFile + ")", CHILD_TIMEOUT, Duration.ofSeconds(1), () -> !child.isAlive());
            if (child.exitValue() != 0 || !Files.exists(out)) {
                throw new IllegalStateException("the heap bench's child JVM exited with status " + child.exitValue() + "; see " + logFile);
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> heap = JSON.readValue(out.toFile(), LinkedHashMap.class);
        heap.put("jvmOptions", options);
        heap.put("log", context.projectDirectory().relativize(logFile).toString());
        return heap;
    }

    private static long count(JdbcTemplate db, String sql, Object... args) {
        Long n = db.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }

    private static double number(Object o) {
        return Math.round(((Number) o).doubleValue() * 1000) / 1000.0;
    }
}
