package org.proofhub.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LiveChangeSimulatorIT {
    private static final DemoSize SMALL = new DemoSize(500, 100);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2027-01-15T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static DemoPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = DemoPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void changesAllFourDepartmentsAtItsRateAndKeepsTheDataClean() throws Exception {
        pg.recreate(7, SMALL);
        long seededChangeSeq = pg.count(DemoDepartment.LICENCE, "SELECT max(change_seq) FROM license_document");
        try (LiveChangeSimulator simulator = new LiveChangeSimulator(pg.departments, 11, 40, CLOCK)) {
            simulator.start();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    simulator.changeCounts().values().stream().allMatch(n -> n >= 10));
            simulator.close();
            assertThat(simulator.failures()).isZero();
        }
        assertThat(pg.dataProblems()).isEmpty();
        assertThat(pg.count(DemoDepartment.POPULATION,
                "SELECT count(*) FROM \"RK_JBXX\" WHERE \"GXSJ\" = '2027-01-15 10:00:00'")).isPositive();
        assertThat(pg.count(DemoDepartment.LEGAL_PERSON,
                "SELECT count(*) FROM enterprise WHERE updated_at = '2027-01-15 10:00:00+08'")).isPositive();
        assertThat(pg.count(DemoDepartment.CREDIT, "SELECT count(*) FROM xy_sxjl WHERE gxsj > localtimestamp - interval '5 minutes'")
                + pg.count(DemoDepartment.CREDIT, "SELECT count(*) FROM xy_pjjg WHERE pjrq = '2027-01-15'")).isPositive();
        assertThat(pg.count(DemoDepartment.LICENCE, "SELECT max(change_seq) FROM license_document"))
                .isGreaterThan(seededChangeSeq);
    }

    @Test
    void theSameSeedClockAndDataGiveTheSameChanges() throws Exception {
        Map<String, String> first = afterTicks(5);
        Map<String, String> again = afterTicks(5);
        Map<String, String> otherSeed = afterTicks(6);
        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    /** A digest of every department table after 60 changes from freshly seeded data; DB-clock columns left out. */
    private static Map<String, String> afterTicks(long seed) throws Exception {
        pg.recreate(7, SMALL);
        LiveChangeSimulator simulator = new LiveChangeSimulator(pg.departments, seed, 0, CLOCK);
        for (int i = 0; i < 60; i++) {
            simulator.tick();
        }
        assertThat(simulator.failures()).isZero();
        Map<String, String> digests = new TreeMap<>();
        digests.put("counts", simulator.changeCounts().toString());
        for (Map.Entry<DemoDepartment, List<String>> e : DemoRules.TABLES.entrySet()) {
            for (String table : e.getValue()) {
                digests.put(table, pg.rows(e.getKey(), "SELECT md5(string_agg(r, '|' ORDER BY r)) AS digest FROM"
                        + " (SELECT (to_jsonb(t) - 'gxsj')::text AS r FROM " + Pg.quote(table) + " t) rows")
                        .get(0).get("digest"));
            }
        }
        return digests;
    }
}
