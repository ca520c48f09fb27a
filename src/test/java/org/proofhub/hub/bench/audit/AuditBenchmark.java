package org.proofhub.hub.bench.audit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.proofhub.hub.audit.AuditCheckpoints;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.audit.AuditVerification;
import org.proofhub.hub.bench.Await;
import org.proofhub.hub.bench.BenchContext;
import org.proofhub.hub.bench.BenchResult;
import org.proofhub.hub.bench.Benchmark;
import org.proofhub.hub.bench.CpuUsage;
import org.proofhub.hub.bench.InProcessHub;
import org.proofhub.hub.bench.Metric;
import org.proofhub.hub.platform.EmbeddedPostgresServer;
import org.proofhub.hub.seal.SealModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 7 against the real hub started in this JVM:
 * <ol>
 *   <li>append: {@value #WRITERS_DEFAULT} threads call {@link AuditLog#append}, each entry in a transaction of its own as a
 *       request's transaction records it, until the hub's chain writer has moved every one of them into the hash
 *       chain — after a warm-up of the same kind;</li>
 *   <li>verify: the chain is filled up to 1,000,000 entries (continuing from its head, hashed with
 *       {@link AuditLog#hash}, loaded with COPY under the chain writer's lock), a checkpoint is signed, and
 *       {@link AuditVerification#verify} — what the {@code audit-verify} command and the API run — checks it all.</li>
 * </ol>
 * System properties: {@code bench.audit.entries}, {@code bench.audit.warm-up-entries}, {@code bench.audit.writers},
 * {@code bench.audit.verify-entries}, {@code bench.audit.verify-runs}.
 */
public final class AuditBenchmark implements Benchmark {
    private static final Logger log = LoggerFactory.getLogger(AuditBenchmark.class);
    private static final int WRITERS_DEFAULT = 8;
    private static final int WRITERS = Integer.getInteger("bench.audit.writers", WRITERS_DEFAULT);
    private static final int ENTRIES = Integer.getInteger("bench.audit.entries", 100_000);
    private static final int WARM_UP_ENTRIES = Integer.getInteger("bench.audit.warm-up-entries", 30_000);
    private static final int VERIFY_ENTRIES = Integer.getInteger("bench.audit.verify-entries", 1_000_000);
    private static final int VERIFY_RUNS = Integer.getInteger("bench.audit.verify-runs", 3);
    /** The bench's own entries carry this actor, so that they are told apart from what the hub records meanwhile. */
    private static final String ACTOR = "bench.audit";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String description() {
        return "audit trail: append rate into the hash chain with " + WRITERS + " writers; verification of " + VERIFY_ENTRIES + " entries";
    }

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        BenchResult result = new BenchResult();
        Map<String, String> properties = Map.of(
                "hub.demo.persons", "200",
                "hub.demo.legal-entities", "50",
                "hub.demo.live-changes-per-second", "0");
        try (InProcessHub hub = InProcessHub.start(context.projectDirectory(), context.workDirectory().resolve("data"), properties)) {
            DataSource hubDb = hub.hubDatabase();
            Path postgresData = hub.bean(EmbeddedPostgresServer.class).dataDirectory();
            Appender appender = new Appender(hub.bean(AuditLog.class), hub.bean(TransactionTemplate.class), hubDb, postgresData);

            log.info("bench audit: warm-up, {} entries", WARM_UP_ENTRIES);
            Map<String, Object> warmUp = appender.append("warm-up", WARM_UP_ENTRIES);
            log.info("bench audit: {} entries by {} writers", ENTRIES, WRITERS);
            Map<String, Object> append = appender.append("measured", ENTRIES);
            double appendPerSecond = (double) append.get("chainedPerSecond");

            Map<String, Object> fill = new ChainFill(hubDb).fillUpTo(VERIFY_ENTRIES);
            long checkpoint = hub.bean(AuditCheckpoints.class).checkpoint();
            fill.put("checkpointSignedAtSeq", checkpoint);
            Map<String, Object> verify = verify(hub, hubDb, postgresData);

            result.metric(Metric.of("audit.append_per_s", appendPerSecond, "1/s").atLeast(5_000))
                    .metric(Metric.of("audit.verify_1m_s", (double) verify.get("medianSeconds"), "s").atMost(10))
                    .detail("appendWarmUp", warmUp)
                    .detail("append", append)
                    .detail("chainFill", fill)
                    .detail("verify", verify)
                    .detail("settings", Map.of("writers", WRITERS, "entries", ENTRIES, "warmUpEntries", WARM_UP_ENTRIES,
                            "verifyEntries", VERIFY_ENTRIES, "verifyRuns", VERIFY_RUNS))
                    .detail("method", "see bench/README.md: append = entries / (first append .. the poll that saw none of them"
                            + " left in audit_pending, polled every 10 ms); verify = AuditVerification.verify over audit_log on a"
                            + " plain JDBC connection, as the audit-verify command runs it, median of " + VERIFY_RUNS + " runs");
        }
        return result;
    }

    /** Appends as the hub's requests do and waits for the chain writer. */
    private static final class Appender {
        private final AuditLog audit;
        private final TransactionTemplate tx;
        private final DataSource hubDb;
        private final Path postgresData;

        Appender(AuditLog audit, TransactionTemplate tx, DataSource hubDb, Path postgresData) {
            this.audit = audit;
            this.tx = tx;
            this.hubDb = hubDb;
            this.postgresData = postgresData;
        }

        Map<String, Object> append(String phase, int entries) throws Exception {
            Await.until("the audit intake to be empty before the " + phase + " load", START_TIMEOUT, Duration.ofMillis(20),
                    () -> count("select count(*) from audit_pending") == 0);
            long chainedBefore = count("select count(*) from audit_log where actor = '" + ACTOR + "'");
            CpuUsage cpu = CpuUsage.now(postgresData);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> writers = new ArrayList<>();
            long start = System.nanoTime();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                int share = entries / WRITERS + (w < entries % WRITERS ? 1 : 0);
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; i < share; i++) {
                            AuditLog.Entry e = entry(phase, writer, i);
                            // one entry per transaction, as a request's transaction records its one event
                            tx.executeWithoutResult(s -> audit.append(e));
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "bench-audit-writer-" + w);
                writers.add(t);
                t.start();
            }
            for (Thread t : writers) {
                t.join();
            }
            long inserted = System.nanoTime();
            if (failure.get() != null) {
                throw new IllegalStateException("an audit writer failed", failure.get());
            }
            long chained = Await.until(entries + " entries to be chained", Duration.ofMinutes(10), Duration.ofMillis(10),
                    () -> count("select count(*) from audit_pending where actor = '" + ACTOR + "'") == 0);
            CpuUsage after = CpuUsage.now(postgresData);
            long inChain = count("select count(*) from audit_log where actor = '" + ACTOR + "'") - chainedBefore;
            if (inChain != entries) {
                throw new IllegalStateException(entries + " entries appended, but " + inChain + " arrived in the chain");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("entries", entries);
            m.put("writers", WRITERS);
            m.put("insertSeconds", seconds(inserted - start));
            m.put("insertedPerSecond", Math.round(entries / ((inserted - start) / 1e9)));
            m.put("chainedSeconds", seconds(chained - start));
            m.put("chainedPerSecond", (double) Math.round(entries / ((chained - start) / 1e9)));
            m.put("chainLagAfterLastInsertSeconds", seconds(chained - inserted));
            m.put("jitShareOfJvmCpu", Math.round(after.jitShareSince(cpu) * 1000) / 1000.0);
            m.put("cpu", after.since(cpu, entries));
            return m;
        }

        private long count(String sql) throws SQLException {
            return ChainFill.count(hubDb, sql);
        }
    }

    /** An entry as a data query leaves it: the window agent, the subject as a keyed hash, why, and what came of it. */
    private static AuditLog.Entry entry(String phase, int writer, int i) {
        Map<String, Object> detail = new TreeMap<>();
        detail.put("result", "ISSUED");
        detail.put("serviceItem", "350100-MZ-0001");
        detail.put("application", "BENCH-" + phase + "-" + writer + "-" + i);
        detail.put("proofType", "household-registration");
        detail.put("proofId", String.format("EP-20261126-B%02d%09d", writer, i));
        return new AuditLog.Entry(ACTOR, "ZWFWZX", "DATA_QUERY", ChainFill.subjectHash(writer * 10_000_000L + i),
                "最低生活保障申请：核验申请人户籍", detail);
    }

    /** Streams the chain once without checking it (reading alone), then verifies it {@code bench.audit.verify-runs} times. */
    private static Map<String, Object> verify(InProcessHub hub, DataSource hubDb, Path postgresData) throws Exception {
        SealModule seals = hub.bean(SealModule.class);
        Map<String, Object> m = new LinkedHashMap<>();
        // how long reading alone takes, for where the time goes: the same query and fetch size, no hashing
        try (Connection c = hubDb.getConnection()) {
            long t = System.nanoTime();
            long rows = ChainFill.streamOnly(c);
            m.put("readOnlySeconds", seconds(System.nanoTime() - t));
            m.put("readOnlyRows", rows);
        }
        List<Double> runs = new ArrayList<>();
        List<Map<String, Object>> cpu = new ArrayList<>();
        for (int run = 1; run <= VERIFY_RUNS; run++) {
            try (Connection c = hubDb.getConnection()) {
                CpuUsage before = CpuUsage.now(postgresData);
                long t = System.nanoTime();
                AuditVerification.Report report = AuditVerification.verify(c, "audit_log", seals.trustAnchors(), seals.verifier(), Instant.now());
                double s = seconds(System.nanoTime() - t);
                if (!report.intact()) {
                    throw new IllegalStateException("the filled chain does not verify: " + report.summary());
                }
                runs.add(s);
                cpu.add(CpuUsage.now(postgresData).since(before, report.chain().checked()));
                m.put("entriesChecked", report.chain().checked());
                m.put("checkpointsVerified", report.checkpointsValid());
                log.info("bench audit: verify run {}: {} entries in {} s", run, report.chain().checked(), s);
            }
        }
        List<Double> sorted = runs.stream().sorted().toList();
        m.put("runsSeconds", runs);
        m.put("medianSeconds", sorted.get(sorted.size() / 2));
        m.put("cpuPerRun", cpu);
        return m;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }
}
