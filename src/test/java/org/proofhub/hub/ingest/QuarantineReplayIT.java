package org.proofhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.RunDirectories;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Every deliberately dirty demo row lands in quarantine with a reason a person can read; after the
 * integrator fixes the mapping and replays, the fixed rows arrive exactly once, and replaying again
 * changes nothing. Runs on its own copy of the configuration files, which it edits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuarantineReplayIT extends HubIT {
    static final Path CONFIG = RunDirectories.next("it-config");
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Map<DemoDepartment, String> CONNECTOR = Map.of(DemoDepartment.POPULATION, "population",
            DemoDepartment.LEGAL_PERSON, "legal-person", DemoDepartment.CREDIT, "credit", DemoDepartment.LICENCE, "e-licence");

    @DynamicPropertySource
    static void ownConfiguration(DynamicPropertyRegistry registry) {
        try {
            for (String dir : List.of("connectors", "mappings", "routes", "proofs", "list")) {
                FileSystemUtils.copyRecursively(Path.of(dir), CONFIG.resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("hub.ingest.config-directory", CONFIG::toString);
    }

    @Autowired
    DemoDepartments departments;
    @Autowired
    DataProtection protection;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    CanonicalRecords records;
    @Autowired
    TestRestTemplate rest;

    record Defect(String connector, String table, String key, String defect, String column) {
    }

    List<Defect> defects() {
        List<Defect> out = new ArrayList<>();
        CONNECTOR.forEach((dept, connector) -> new JdbcTemplate(departments.dataSource(dept)).query(
                "select source_table, source_key, defect, detail from _demo_defect",
                rs -> {
                    out.add(new Defect(connector, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }));
        return out;
    }

    String reason(Defect d) {
        List<String> r = hub.queryForList("select reason from quarantine where connector_id = ? and source_key_hash = ? and status = 'PENDING'",
                String.class, d.connector(), protection.keyedHash(d.key()));
        return r.isEmpty() ? null : r.get(0);
    }

    @Test
    @Order(1)
    void everyDirtyDemoRowIsQuarantinedWithAReadableReason() {
        List<Defect> defects = defects();
        assertThat(defects).hasSizeGreaterThanOrEqualTo(20);
        assertThat(defects).extracting(Defect::connector).contains("population", "legal-person", "credit", "e-licence");
        await().atMost(WAIT).untilAsserted(() -> assertThat(defects).allSatisfy(d -> assertThat(reason(d)).as("%s", d).isNotBlank()));
        for (Defect d : defects) {
            assertThat(reason(d)).as("%s", d).doesNotContain(d.key()).matches(".*(check character|missing|unknown code|not a valid date|is before|pattern).*");
        }
        // operators see reasons and masked keys, never payloads
        ResponseEntity<List<Map<String, Object>>> list = rest.withBasicAuth("ops", "hub-demo").exchange(
                "/api/ingest/quarantine?limit=10000", HttpMethod.GET, null, new ParameterizedTypeReference<>() {
                });
        assertThat(list.getStatusCode().is2xxSuccessful()).isTrue();
        assertThat(list.getBody()).hasSizeGreaterThanOrEqualTo(defects.size());
        assertThat(list.getBody()).allSatisfy(e -> assertThat(e).doesNotContainKey("payload").containsKeys("reason", "sourceKey"));
    }

    @Test
    @Order(2)
    void fixTheMappingReplayAndTheRowsArriveOnce() throws IOException {
        List<Defect> sexCodes = defects().stream().filter(d -> d.connector().equals("population") && reasonContains(d, "sex (from XBDM)")).toList();
        assertThat(sexCodes).isNotEmpty();
        // the bureau's legacy rows use M/F: the integrator teaches the mapping those codes
        Path mapping = CONFIG.resolve("mappings/population-person.mapping.yaml");
        String text = Files.readString(mapping).replace("version: 1", "version: 2").replace("""
                    codeTable: gb2261-sex
                """, """
                    codes: {"0": UNKNOWN, "1": MALE, "2": FEMALE, "9": UNSPECIFIED, "M": MALE, "F": FEMALE}
                """);
        Files.writeString(mapping, text);
        ResponseEntity<Map> reload = rest.withBasicAuth("integrator", "hub-demo").postForEntity("/api/ingest/config/reload", null, Map.class);
        assertThat(reload.getStatusCode().value()).as("%s", reload.getBody()).isEqualTo(200);

        ResponseEntity<Map> replay = rest.withBasicAuth("integrator", "hub-demo").postForEntity("/api/ingest/quarantine/replay",
                new HttpEntity<>(Map.of("connectorId", "population")), Map.class);
        assertThat(replay.getStatusCode().value()).isEqualTo(200);
        assertThat((Integer) replay.getBody().get("replayed")).isGreaterThanOrEqualTo(sexCodes.size());
        assertThat((Integer) replay.getBody().get("stillFailing")).isPositive();

        for (Defect d : sexCodes) {
            String citizenId = new JdbcTemplate(departments.dataSource(DemoDepartment.POPULATION))
                    .queryForObject("select \"GMSFHM\" from \"RK_JBXX\" where \"RKBH\" = ?", String.class, d.key());
            var person = records.find("Person", citizenId.strip().toUpperCase()).orElseThrow();
            assertThat(person.version()).isEqualTo(1);
            assertThat(person.lineage()).containsEntry("mappingVersion", 2).containsEntry("sourceKey", d.key());
            assertThat(records.history("Person", person.key())).hasSize(1);
        }

        // again: nothing pending for them any more; and a replay of an entry already applied applies nothing twice
        ResponseEntity<Map> again = rest.withBasicAuth("integrator", "hub-demo").postForEntity("/api/ingest/quarantine/replay",
                new HttpEntity<>(Map.of("connectorId", "population")), Map.class);
        assertThat(again.getBody().get("replayed")).isEqualTo(0);
        long id = hub.queryForObject("select id from quarantine where status = 'REPLAYED' and connector_id = 'population' limit 1", Long.class);
        hub.update("update quarantine set status = 'PENDING' where id = ?", id);
        long historyBefore = hub.queryForObject("select count(*) from canonical_history where connector_id = 'population'", Long.class);
        ResponseEntity<Map> once = rest.withBasicAuth("integrator", "hub-demo").postForEntity("/api/ingest/quarantine/replay",
                new HttpEntity<>(Map.of("ids", List.of(id))), Map.class);
        assertThat(once.getBody().get("replayed")).isEqualTo(1);
        assertThat(hub.queryForObject("select count(*) from canonical_history where connector_id = 'population'", Long.class)).isEqualTo(historyBefore);
    }

    @Test
    @Order(3)
    void aReloadWithABrokenMappingIsRefusedAndNamesFileAndKey() throws IOException {
        Path mapping = CONFIG.resolve("mappings/credit-rating.mapping.yaml");
        String original = Files.readString(mapping);
        Files.writeString(mapping, original.replace("      A: A   # 守信", "      A: AAA"));
        try {
            ResponseEntity<Map> reload = rest.withBasicAuth("integrator", "hub-demo").postForEntity("/api/ingest/config/reload", null, Map.class);
            assertThat(reload.getStatusCode().value()).isEqualTo(422);
            assertThat(reload.getBody().get("detail").toString())
                    .contains("mappings/credit-rating.mapping.yaml: fields.level: code 'A' maps to 'AAA'");
        } finally {
            Files.writeString(mapping, original);
        }
    }

    private boolean reasonContains(Defect d, String text) {
        String r = reason(d);
        return r != null && r.contains(text);
    }
}
