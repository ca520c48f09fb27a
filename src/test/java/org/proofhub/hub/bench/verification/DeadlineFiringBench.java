package org.proofhub.hub.bench.verification;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How late deadlines fire when many fall due together: 100,000 pending requests whose deadlines are spread
 * over one minute are fired by the running hub's scheduler, each with everything firing means (the
 * request's escalation, the supervisor's alert, the message on the supervisor's queue through the outbox,
 * the ESCALATION timer). Lateness is the time from a deadline's due time to the moment its batch's work was
 * done ({@code fired_at}), read from the deadline table afterwards.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) org.proofhub.hub.bench.verification.DeadlineFiringBench</pre>
 * System properties: {@code bench.deadlines} (100000), {@code bench.spread-seconds} (60).
 */
public final class DeadlineFiringBench {
    private DeadlineFiringBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("bench.deadlines", 100_000);
        Duration spread = Duration.ofSeconds(Integer.getInteger("bench.spread-seconds", 60));
        Path dir = Path.of("target", "bench", "deadline-firing-" + System.currentTimeMillis()).toAbsolutePath();
        BenchOutput out = new BenchOutput();
        try (ConfigurableApplicationContext hub = BenchHub.start(dir, Map.of())) {
            JdbcTemplate db = hub.getBean(JdbcTemplate.class);
            // a running hub is warm: fire a few thousand first, as it would have that day
            BenchDeadlines.insert(db, "WARM-", 5_000, Instant.now().plusSeconds(2), Duration.ofSeconds(10));
            Instant first = Instant.now().plusSeconds(60);
            long insertStart = System.nanoTime();
            BenchDeadlines.insert(db, "BENCH-", count, first, spread);
            // the bulk insert is the benchmark's, not the hub's: settle its statistics and dirty pages before the run
            db.execute("analyze verification_request");
            db.execute("analyze verification_deadline");
            db.execute("checkpoint");
            long insertMs = (System.nanoTime() - insertStart) / 1_000_000;
            if (Instant.now().isAfter(first.minusSeconds(5))) {
                throw new IllegalStateException("inserting took " + insertMs + " ms: the first deadlines fall due before the run can begin");
            }
            long cpu0 = BenchOutput.cpuMillis(dir);
            Instant end = first.plus(spread).plus(Duration.ofMinutes(5));
            long pending;
            do {
                Thread.sleep(1000);
                pending = db.queryForObject("select count(*) from verification_deadline where state = 'PENDING' and kind = 'DEADLINE' "
                        + "and request_id like 'BENCH-%'", Long.class);
            } while (pending > 0 && Instant.now().isBefore(end));
            long cpu1 = BenchOutput.cpuMillis(dir);
            Map<String, Object> lateness = db.queryForMap("""
                    select count(*) as fired,
                           percentile_disc(0.5) within group (order by ms) as p50,
                           percentile_disc(0.99) within group (order by ms) as p99,
                           max(ms) as max
                    from (select extract(epoch from fired_at - due_at) * 1000 as ms from verification_deadline
                          where request_id like 'BENCH-%' and kind = 'DEADLINE' and state = 'FIRED') l""");
            java.util.List<Map<String, Object>> byFiveSeconds = db.queryForList("""
                    select floor(extract(epoch from due_at - ?::timestamptz) / 5) * 5 as from_s,
                           round(percentile_disc(0.99) within group (order by extract(epoch from fired_at - due_at) * 1000)) as p99_ms,
                           round(max(extract(epoch from fired_at - due_at) * 1000)) as max_ms
                    from verification_deadline where request_id like 'BENCH-%' and kind = 'DEADLINE' and state = 'FIRED'
                    group by 1 order by 1""", java.sql.Timestamp.from(first));
            long escalated = db.queryForObject("select count(*) from verification_event where type = 'ESCALATED' and request_id like 'BENCH-%'", Long.class);
            double p99 = ((Number) lateness.get("p99")).doubleValue();
            double max = ((Number) lateness.get("max")).doubleValue();
            out.atMost("deadline.lateness_p99_ms", p99, "ms", 250)
                    .atMost("deadline.lateness_max_ms", max, "ms", 1000)
                    .detail("deadlines", count)
                    .detail("spreadSeconds", spread.toSeconds())
                    .detail("fired", lateness.get("fired"))
                    .detail("stillPending", pending)
                    .detail("escalationEvents", escalated)
                    .detail("latenessP50Ms", ((Number) lateness.get("p50")).doubleValue())
                    .detail("latenessByFiveSecondsOfDueTime", byFiveSeconds)
                    .detail("insertMs", insertMs)
                    .detail("cpuMsPerFiring", (double) (cpu1 - cpu0) / Math.max(1, count))
                    .detail("schedulerBatch", 500)
                    .detail("firing", "claim FOR UPDATE SKIP LOCKED in batches; per deadline: request escalated, alert, outbox message "
                            + "(relayed to hub.verification.unit.<U>.supervisor), ESCALATION timer, timeline event; one transaction per batch");
        }
        System.out.println(out.json());
    }
}
