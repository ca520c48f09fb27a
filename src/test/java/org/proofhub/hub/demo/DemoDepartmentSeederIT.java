package org.proofhub.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seeds the full demo size once and checks what the hub will rely on. */
class DemoDepartmentSeederIT {
    private static final long SEED = 20261126L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DemoPostgres pg;
    private static DemoWorld world;
    private static Map<DemoDepartment, Long> firstLoad;
    private static long seedingMillis;

    @BeforeAll
    static void seed() throws Exception {
        pg = DemoPostgres.start();
        world = DemoWorld.generate(SEED, DemoSize.DEFAULT);
        long started = System.nanoTime();
        firstLoad = new DemoDepartmentSeeder(pg.departments).seed(SEED, DemoSize.DEFAULT);
        seedingMillis = (System.nanoTime() - started) / 1_000_000;
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void loadsTheWholeWorldWithinSeconds() throws Exception {
        for (DemoDepartment d : DemoDepartment.values()) {
            for (DemoTable t : world.tables(d)) {
                assertThat(pg.count(d, "SELECT count(*) FROM " + Pg.quote(t.name()))).as(t.name())
                        .isEqualTo(t.rows().size());
            }
            assertThat(firstLoad.get(d)).isPositive();
        }
        assertThat(pg.count(DemoDepartment.POPULATION, "SELECT count(*) FROM \"RK_JBXX\"")).isEqualTo(10_000);
        assertThat(pg.count(DemoDepartment.LEGAL_PERSON, "SELECT count(*) FROM enterprise")).isEqualTo(2_000);
        // generous for a loaded CI machine; it takes about one second here
        assertThat(seedingMillis).isLessThan(20_000);
    }

    @Test
    void cleanRowsPassEveryRuleListedDefectsAreRealAndHouseholdsHaveOneHead() throws Exception {
        assertThat(pg.dataProblems()).isEmpty();
        for (DemoDepartment d : DemoDepartment.values()) {
            assertThat(pg.rows(d, "SELECT DISTINCT defect FROM _demo_defect")).extracting(r -> r.get("defect"))
                    .contains("BAD_CHECK_CHARACTER", "UNKNOWN_CODE", "MISSING_REQUIRED");
        }
        assertThat(pg.count(DemoDepartment.POPULATION, "SELECT count(DISTINCT \"HH\") FROM \"RK_JBXX\""))
                .isBetween(2_000L, 5_000L);
    }

    @Test
    void referencesPointAtCleanPersonsAndEnterprises() throws Exception {
        List<Map<String, String>> persons = clean(DemoDepartment.POPULATION, "RK_JBXX");
        Set<String> names = persons.stream().map(p -> p.get("XM").strip()).collect(Collectors.toSet());
        Set<String> citizenIds = persons.stream().map(p -> p.get("GMSFHM")).collect(Collectors.toSet());
        List<Map<String, String>> enterprises = clean(DemoDepartment.LEGAL_PERSON, "enterprise");
        Set<String> usccs = enterprises.stream().map(p -> p.get("uscc")).collect(Collectors.toSet());

        assertThat(enterprises).allSatisfy(e -> assertThat(names).contains(e.get("legal_rep_name")));
        for (String table : List.of("xy_sxjl", "xy_pjjg")) {
            assertThat(clean(DemoDepartment.CREDIT, table)).allSatisfy(r ->
                    assertThat("1".equals(r.get("ztlx")) ? citizenIds : usccs).contains(r.get("ztbm")));
        }
        assertThat(clean(DemoDepartment.LICENCE, "license_document")).allSatisfy(r ->
                assertThat("P".equals(r.get("holder_type")) ? citizenIds : usccs).contains(r.get("holder_id")));
    }

    @Test
    void operatingEnterprisesHoldABusinessLicenceShowingTheirDataSaveForDeliberateConflicts() throws Exception {
        Map<String, Map<String, String>> enterprises = clean(DemoDepartment.LEGAL_PERSON, "enterprise").stream()
                .collect(Collectors.toMap(e -> e.get("uscc"), Function.identity()));
        Map<String, Map<String, String>> yyzz = pg.rows(DemoDepartment.LICENCE,
                        "SELECT * FROM license_document WHERE license_type = 'YYZZ'").stream()
                .collect(Collectors.toMap(l -> l.get("holder_id"), Function.identity()));
        Map<String, String> conflicts = pg.rows(DemoDepartment.LICENCE, "SELECT * FROM _demo_conflict").stream()
                .collect(Collectors.toMap(c -> c.get("source_key"), c -> c.get("field")));

        List<String> differing = new ArrayList<>();
        for (Map<String, String> e : enterprises.values()) {
            Map<String, String> licence = yyzz.get(e.get("uscc"));
            if ("10".equals(e.get("reg_status"))) {
                assertThat(licence).as("business licence of enterprise " + e.get("id")).isNotNull();
            }
            if (licence == null) {
                continue;
            }
            JsonNode surface = JSON.readTree(licence.get("surface"));
            assertThat(surface.fieldNames()).toIterable().containsExactlyInAnyOrder("enterpriseName",
                    "legalRepresentative", "registeredCapital", "address", "businessScope");
            boolean nameDiffers = !surface.get("enterpriseName").asText().equals(e.get("enterprise_name").strip());
            boolean repDiffers = !surface.get("legalRepresentative").asText().equals(e.get("legal_rep_name"));
            if (nameDiffers || repDiffers) {
                differing.add(licence.get("doc_id"));
                assertThat(conflicts.get(licence.get("doc_id")))
                        .isEqualTo(nameDiffers ? "enterpriseName" : "legalRepresentative");
            }
        }
        assertThat(differing).containsExactlyInAnyOrderElementsOf(conflicts.keySet());
        assertThat(differing.size()).isBetween(enterprises.size() / 100, enterprises.size() * 3 / 100);
    }

    @Test
    void creditDataHasSeriousFalseCommitmentAndRepairedRecordsAndMostlyGoodRatings() throws Exception {
        long records = pg.count(DemoDepartment.CREDIT, "SELECT count(*) FROM xy_sxjl");
        assertThat(pg.count(DemoDepartment.CREDIT, "SELECT count(DISTINCT ztbm) FROM xy_sxjl"))
                .isBetween(500L, 700L);
        assertThat(pg.count(DemoDepartment.CREDIT, "SELECT count(*) FROM xy_sxjl WHERE yzcd = '3'")).isPositive();
        assertThat(pg.count(DemoDepartment.CREDIT, "SELECT count(*) FROM xy_sxjl WHERE sxlb = 'SX02'")).isPositive();
        assertThat(pg.count(DemoDepartment.CREDIT, "SELECT count(*) FROM xy_sxjl WHERE xfzt = '1'"))
                .isPositive().isLessThan(records / 2);
        long ratings = pg.count(DemoDepartment.CREDIT, "SELECT count(*) FROM xy_pjjg");
        assertThat(pg.count(DemoDepartment.CREDIT, "SELECT count(*) FROM xy_pjjg WHERE xydj IN ('A', 'B')"))
                .isGreaterThan(ratings * 3 / 4);
    }

    @Test
    void someCleanNamesCarryStraySpacesForTheHubToStrip() throws Exception {
        List<Map<String, String>> persons = clean(DemoDepartment.POPULATION, "RK_JBXX");
        assertThat(persons).anySatisfy(p -> assertThat(p.get("XM")).isNotEqualTo(p.get("XM").strip()));
        assertThat(persons.stream().filter(p -> !p.get("XM").equals(p.get("XM").strip())).count())
                .isLessThan(persons.size() / 50);
    }

    @Test
    void seedingAgainKeepsTheData() throws Exception {
        Map<DemoDepartment, Long> again = new DemoDepartmentSeeder(pg.departments).seed(SEED, DemoSize.DEFAULT);
        assertThat(again.values()).containsOnly(0L);
        assertThat(pg.count(DemoDepartment.POPULATION, "SELECT count(*) FROM \"RK_JBXX\"")).isEqualTo(10_000);
        assertThat(pg.count(DemoDepartment.POPULATION, "SELECT count(*) FROM _demo_defect"))
                .isEqualTo(world.tables(DemoDepartment.POPULATION).get(1).rows().size());
    }

    @Test
    void preparingTheServerAgainKeepsDataAndGrantsTheHubReplicationAndReading() throws Exception {
        DemoDepartmentSeeder.prepareServer(db -> pg.server.getDatabase("postgres", db), "another-password");
        assertThat(pg.rows(DemoDepartment.POPULATION,
                "SELECT rolcanlogin, rolreplication FROM pg_roles WHERE rolname = 'hub_cdc'"))
                .containsExactly(Map.of("rolcanlogin", "t", "rolreplication", "t"));
        for (DemoDepartment d : DemoDepartment.values()) {
            assertThat(pg.rows(d, """
                    SELECT tablename FROM pg_tables WHERE schemaname = 'public'
                    AND NOT has_table_privilege('hub_cdc', format('%I.%I', schemaname, tablename), 'SELECT')""")).as(d.name()).isEmpty();
            assertThat(pg.count(d, "SELECT count(*) FROM " + Pg.quote(d.mainTable()))).isPositive();
        }
        assertThat(pg.rows(DemoDepartment.POPULATION, "SELECT tablename FROM pg_publication_tables WHERE pubname = 'hub_publication'"))
                .containsExactly(Map.of("tablename", "RK_JBXX"));
        assertThat(pg.rows(DemoDepartment.LEGAL_PERSON, "SELECT tablename FROM pg_publication_tables WHERE pubname = 'hub_publication'"))
                .containsExactly(Map.of("tablename", "enterprise"));
        assertThat(pg.count(DemoDepartment.CREDIT, "SELECT count(*) FROM pg_publication")).isZero();
    }

    @Test
    void creditUpdatesMoveThePollingTimestamp() throws Exception {
        String before = pg.rows(DemoDepartment.CREDIT, "SELECT gxsj FROM xy_sxjl WHERE jlid = 1").get(0).get("gxsj");
        pg.rows(DemoDepartment.CREDIT, "UPDATE xy_sxjl SET sxnr = sxnr WHERE jlid = 1 RETURNING jlid");
        String after = pg.rows(DemoDepartment.CREDIT, "SELECT gxsj FROM xy_sxjl WHERE jlid = 1").get(0).get("gxsj");
        assertThat(after).isGreaterThan(before);
    }

    private static List<Map<String, String>> clean(DemoDepartment d, String table) throws Exception {
        return pg.rows(d, "SELECT * FROM " + Pg.quote(table) + " WHERE " + Pg.quote(DemoRules.KEYS.get(table))
                + "::text NOT IN (SELECT source_key FROM _demo_defect WHERE source_table = '" + table + "')");
    }
}
