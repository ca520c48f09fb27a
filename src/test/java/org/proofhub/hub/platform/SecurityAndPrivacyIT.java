package org.proofhub.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.support.HubIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/** Every API call is authenticated, roles are enforced, and personal data never reaches the log in clear. */
@ExtendWith(OutputCaptureExtension.class)
// the log scan needs a whole start in its capture (the demo's dirty rows are quarantined then): a hub reused from an
// earlier test class logs nothing while this class runs
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class SecurityAndPrivacyIT extends HubIT {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    DemoDepartments departments;
    @Autowired
    JdbcTemplate hub;

    @Test
    void unauthenticatedCallsGet401AndProblemDetailsExplainErrors() {
        for (String path : List.of("/api/ingest/connectors", "/api/catalog/datasets", "/api/ingest/quarantine", "/api/canonical/Person/x?purpose=t")) {
            assertThat(rest.getForEntity(path, String.class).getStatusCode().value()).as(path).isEqualTo(401);
        }
        assertThat(rest.withBasicAuth("ops", "wrong").getForEntity("/api/ingest/connectors", String.class).getStatusCode().value()).isEqualTo(401);
        // a hub just started reports DOWN until its connectors run
        await().atMost(Duration.ofSeconds(60)).until(() -> rest.getForEntity("/actuator/health", String.class).getStatusCode().value() == 200);
        // an agent is not an operator
        assertThat(rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/ingest/connectors", String.class).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<Map> missing = rest.withBasicAuth("ops", "hub-demo").getForEntity("/api/ingest/connectors/nope", Map.class);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat(missing.getBody().get("detail").toString()).contains("no connector 'nope'");
    }

    @Test
    void readingPersonalDataNeedsAPurposeAndIsAudited() {
        String id = new JdbcTemplate(departments.dataSource(DemoDepartment.POPULATION)).queryForObject(
                "select \"GMSFHM\" from \"RK_JBXX\" where \"RKBH\" not in (select source_key from _demo_defect) order by \"RKBH\" limit 1", String.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> rest.withBasicAuth("window.agent", "hub-demo")
                .getForEntity("/api/canonical/Person/" + id + "?purpose=办理户籍证明核验", Map.class).getStatusCode().value() == 200);
        assertThat(rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/canonical/Person/" + id + "?purpose=", Map.class)
                .getStatusCode().value()).isEqualTo(400);
        List<Map<String, Object>> audit = await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForList(
                "select actor, unit_code, purpose, subject_hash from audit_log where action = 'RECORD_READ' and actor = 'window.agent'"), l -> !l.isEmpty());
        assertThat(audit).anySatisfy(a -> assertThat(a).containsEntry("unit_code", "ZWFWZX").containsEntry("purpose", "办理户籍证明核验"));
        assertThat(audit).allSatisfy(a -> assertThat(a.get("subject_hash").toString()).hasSize(64).isNotEqualTo(id));
        // integrators check data quality, not people: they see masked values
        Map<?, ?> masked = rest.withBasicAuth("integrator", "hub-demo").getForEntity("/api/canonical/Person/" + id + "?purpose=质量核查", Map.class).getBody();
        assertThat(masked.toString()).doesNotContain(id);
    }

    @Test
    void personalDataNeverAppearsInClearInTheLog(CapturedOutput output) {
        JdbcTemplate population = new JdbcTemplate(departments.dataSource(DemoDepartment.POPULATION));
        // provoke the paths that could log a value: a quarantined row, a failing API call quoting an ID
        population.update("""
                insert into "RK_JBXX" ("RKBH", "GMSFHM", "XM", "XBDM", "CSRQ", "RYZTDM", "GXSJ")
                values ('RKLOG1', '110105194912310021', '日志测试人', '1', '19491231', '0', now())""");
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.queryForObject(
                "select count(*) from quarantine where connector_id = 'population' and source_position > 0 and reason like '%check character%'", Long.class) > 0);
        rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/canonical/Person/110105194912310021?purpose=x", String.class);
        List<Map<String, Object>> people = population.queryForList("select \"GMSFHM\" as id, \"XM\" as name from \"RK_JBXX\"");
        String log = output.getAll();
        assertThat(log).isNotEmpty().doesNotContain("110105194912310021").doesNotContain("日志测试人");
        for (Map<String, Object> p : people) {
            if (p.get("id") != null) {
                assertThat(log).doesNotContain(p.get("id").toString().strip());
            }
            if (p.get("name") != null && p.get("name").toString().strip().length() >= 2) {
                assertThat(log).doesNotContain(p.get("name").toString().strip());
            }
        }
    }
}
