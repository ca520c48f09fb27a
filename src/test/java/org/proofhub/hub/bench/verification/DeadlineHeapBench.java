package org.proofhub.hub.bench.verification;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One million pending deadlines held by a hub whose heap is limited to 512 MB: the hub runs in a JVM of its
 * own started with {@code -Xmx512m}, a million pending requests with deadlines over the next two hours are
 * written into its database, a few thousand fall due during the run, and the scheduler keeps working for a
 * minute. The figure is the heap in use after a full collection, with the million pending: deadlines live in
 * PostgreSQL, the scheduler holds one batch at a time.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) org.proofhub.hub.bench.verification.DeadlineHeapBench</pre>
 * System properties: {@code bench.deadlines} (1000000).
 */
public final class DeadlineHeapBench {
    private static final long LIMIT_MB = 512;

    private DeadlineHeapBench() {
    }

    public static void main(String[] args) throws Exception {
        if (Runtime.getRuntime().maxMemory() > (LIMIT_MB + 64) * 1024 * 1024) {
            System.exit(inChildJvm());
        }
        int count = Integer.getInteger("bench.deadlines", 1_000_000);
        int dueDuringRun = 5_000;
        Path dir = Path.of("target", "bench", "deadline-heap-" + System.currentTimeMillis()).toAbsolutePath();
        BenchOutput out = new BenchOutput();
        try (ConfigurableApplicationContext hub = BenchHub.start(dir, Map.of())) {
            JdbcTemplate db = hub.getBean(JdbcTemplate.class);
            long before = heapAfterGcMb();
            long insertStart = System.nanoTime();
            BenchDeadlines.insert(db, "HOLD-", count, Instant.now().plus(Duration.ofMinutes(10)), Duration.ofHours(2));
            BenchDeadlines.insert(db, "DUE-", dueDuringRun, Instant.now().plusSeconds(5), Duration.ofSeconds(30));
            long insertMs = (System.nanoTime() - insertStart) / 1_000_000;
            long peak = 0;
            Instant end = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(end)) {
                Thread.sleep(1000);
                peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024));
            }
            long pending = db.queryForObject("select count(*) from verification_deadline where state = 'PENDING' and request_id like 'HOLD-%'", Long.class);
            long fired = db.queryForObject("select count(*) from verification_deadline where state = 'FIRED' and request_id like 'DUE-%'", Long.class);
            long at = heapAfterGcMb();
            out.atMost("deadline.heap_mb_at_1m", at, "MB", LIMIT_MB)
                    .detail("pendingDeadlines", pending)
                    .detail("firedDuringRun", fired)
                    .detail("heapAfterGcBeforeInsertMb", before)
                    .detail("heapUsedPeakSampledMb", peak)
                    .detail("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024))
                    .detail("insertMs", insertMs);
        }
        System.out.println(out.json());
    }

    private static long heapAfterGcMb() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    /** Runs this benchmark again in a JVM limited to 512 MB of heap, with the same class path. */
    private static int inChildJvm() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + LIMIT_MB + "m", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")));
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.")) {
                cmd.add("-D" + k + "=" + v);
            }
        });
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DeadlineHeapBench.class.getName()));
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
}
