package org.proofhub.hub.bench.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.proofhub.hub.bench.InProcessHub;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The heap part of the {@code deadline} benchmark, run by it in a JVM of its own started with {@code -Xmx512m}: the
 * hub starts, one million pending requests with deadlines over the next two hours are written into its database, a
 * few thousand fall due during the run, and the scheduler keeps working for a minute. The figure is the heap in use
 * after a full collection, with the million pending: deadlines live in PostgreSQL, the scheduler holds one batch at a
 * time. Not a benchmark of its own: {@link DeadlineBenchmark} starts it and reads the JSON it writes.
 *
 * <p>Arguments: the project directory, the hub's data directory, the results file. System properties:
 * {@code bench.deadline.heap-deadlines} (1000000), {@code bench.deadline.heap-seconds} (60).
 */
public final class DeadlineHeapBench {
    static final int DEADLINES = Integer.getInteger("bench.deadline.heap-deadlines", 1_000_000);
    static final int SECONDS = Integer.getInteger("bench.deadline.heap-seconds", 60);
    private static final int DUE_DURING_RUN = 5_000;

    private DeadlineHeapBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: DeadlineHeapBench <project directory> <data directory> <results file>  (started by bench/run deadline)");
            System.exit(2);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        try (InProcessHub hub = BenchHub.start(Path.of(args[0]), Path.of(args[1]))) {
            JdbcTemplate db = hub.bean(JdbcTemplate.class);
            long before = heapAfterGcMb();
            long insertStart = System.nanoTime();
            BenchDeadlines.insert(db, "HOLD-", DEADLINES, Instant.now().plus(Duration.ofMinutes(10)), Duration.ofHours(2));
            BenchDeadlines.insert(db, "DUE-", DUE_DURING_RUN, Instant.now().plusSeconds(5), Duration.ofSeconds(30));
            long insertMs = (System.nanoTime() - insertStart) / 1_000_000;
            // the heap is sampled every second while the scheduler works, for the whole run
            java.util.concurrent.atomic.AtomicLong peakMb = new java.util.concurrent.atomic.AtomicLong();
            long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
            org.awaitility.Awaitility.await("the heap run's " + SECONDS + " s").atMost(Duration.ofSeconds(SECONDS + 30))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        peakMb.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024), Math::max);
                        return System.nanoTime() >= end;
                    });
            long peak = peakMb.get();
            long pending = count(db, "select count(*) from verification_deadline where state = 'PENDING' and request_id like 'HOLD-%'");
            long fired = count(db, "select count(*) from verification_deadline where state = 'FIRED' and kind = 'DEADLINE' and request_id like 'DUE-%'");
            if (pending != DEADLINES) {
                throw new IllegalStateException(DEADLINES + " deadlines inserted, " + pending + " pending");
            }
            long at = heapAfterGcMb();
            m.put("heapAfterGcMb", at);
            m.put("pendingDeadlines", pending);
            m.put("dueDuringRun", DUE_DURING_RUN);
            m.put("firedDuringRun", fired);
            m.put("heapAfterGcBeforeInsertMb", before);
            m.put("heapUsedPeakSampledMb", peak);
            m.put("heapCommittedMb", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024 * 1024));
            m.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            m.put("gc", gcCounts());
            m.put("insertMs", insertMs);
            m.put("runSeconds", SECONDS);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of(args[2]).toFile(), m);
        // the hub leaves non-daemon threads behind (Tomcat, Artemis) even when closed
        System.exit(0);
    }

    private static long heapAfterGcMb() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static Map<String, Object> gcCounts() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            m.put(gc.getName(), Map.of("collections", gc.getCollectionCount(), "ms", gc.getCollectionTime()));
        }
        return m;
    }

    private static long count(JdbcTemplate db, String sql) {
        Long n = db.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
