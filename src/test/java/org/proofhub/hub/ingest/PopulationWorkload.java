package org.proofhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A department that keeps changing rows while a hub is disturbed: new people ({@code RK_JBXX} keys
 * {@code <prefix><n>}) and two address changes of each, one transaction per change, on a thread of its own; and
 * the check that every change arrived exactly once.
 */
final class PopulationWorkload {
    private final JdbcTemplate population;
    private final JdbcTemplate hub;
    private final String prefix;
    private final int birthYear;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private final Thread writer;

    /**
     * {@code total} changes, a multiple of 3: one insert and two updates per person. The people are born in
     * {@code birthYear}: workloads on one department need years of their own, or their citizen IDs meet.
     */
    PopulationWorkload(JdbcTemplate population, JdbcTemplate hub, String prefix, int birthYear, int total) {
        this.population = population;
        this.hub = hub;
        this.prefix = prefix;
        this.birthYear = birthYear;
        this.total = total;
        this.writer = new Thread(this::write, "department-writer");
    }

    void start() {
        writer.start();
    }

    int done() {
        return done.get();
    }

    int total() {
        return total;
    }

    void join() throws InterruptedException {
        writer.join();
    }

    private void write() {
        for (int i = 0; i < total; i++) {
            int n = i / 3;
            String rkbh = prefix + n;
            if (i % 3 == 0) {
                String body = "350104" + birthYear + String.format("%02d%02d", 1 + n % 12, 1 + n % 28) + String.format("%03d", n % 1000);
                population.update("""
                        insert into "RK_JBXX" ("RKBH", "GMSFHM", "XM", "XBDM", "MZDM", "CSRQ", "HJDZ", "RYZTDM", "GXSJ")
                        values (?, ?, '崩溃测试', '1', '01', ?, '地址0', '0', now())""",
                        rkbh, body + CitizenIds.checkCharacter(body), body.substring(6, 14));
            } else {
                population.update("update \"RK_JBXX\" set \"HJDZ\" = ? where \"RKBH\" = ?", "地址" + i, rkbh);
            }
            done.incrementAndGet();
        }
    }

    /** Canonical history entries of the workload's people. */
    long history() {
        return hub.queryForObject("select count(*) from canonical_history where connector_id = 'population' and source_key like ?",
                Long.class, prefix + "%");
    }

    /** One history entry per source change, versions 1..3 of every person without gaps or repeats, the last address. */
    void assertEveryChangeArrivedOnce() {
        assertThat(history()).as("one history entry per source change").isEqualTo(total);
        List<Map<String, Object>> gaps = hub.queryForList("""
                select record_key, count(*) as n, min(version) as lo, max(version) as hi, count(distinct version) as d
                from canonical_history where connector_id = 'population' and source_key like ?
                group by record_key having count(*) <> 3 or min(version) <> 1 or max(version) <> 3 or count(distinct version) <> 3""",
                prefix + "%");
        assertThat(gaps).as("every record has versions 1, 2, 3 exactly once").isEmpty();
        assertThat(hub.queryForObject("""
                select count(*) from canonical_record where kind = 'Person' and source_key like ? and version = 3
                and payload ->> 'householdAddress' like '地址%'""", Long.class, prefix + "%")).isEqualTo(total / 3);
    }
}
