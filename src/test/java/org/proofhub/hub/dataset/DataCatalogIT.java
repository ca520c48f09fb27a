package org.proofhub.hub.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.support.Broker;
import org.proofhub.hub.support.HubIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The data catalog lists each shared data set with its attributes and measured quality; objections reach the source. */
class DataCatalogIT extends HubIT {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    DemoDepartments departments;
    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    void everyDataSetHasItsAttributesAndQuality() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> sets = datasets();
            assertThat(sets).extracting(d -> d.get("id")).contains("population-person", "legal-person-entity", "credit-dishonesty-record",
                    "credit-rating", "e-licence-licence");
            Map<String, Object> persons = sets.stream().filter(d -> d.get("id").equals("population-person")).findFirst().orElseThrow();
            assertThat(persons).containsEntry("name", "人口基本信息").containsEntry("sharing", "CONDITIONAL")
                    .containsEntry("open", "NOT_OPEN").containsEntry("updateCycle", "REAL_TIME").containsEntry("sourceUnit", "GAJ");
            Map<String, Object> q = (Map<String, Object>) persons.get("quality");
            assertThat(((Number) q.get("records")).longValue()).isGreaterThan(150);
            assertThat(((Number) q.get("completeness")).doubleValue()).isBetween(0.5, 1.0);
            assertThat(((Number) q.get("rejectedPending")).longValue()).isPositive();
            assertThat(q.get("fresh")).isEqualTo(true);
        });
    }

    @Test
    void anObjectionIsRecordedAndSentToTheSourceDepartmentsQueue() throws Exception {
        String id = new JdbcTemplate(departments.dataSource(DemoDepartment.POPULATION)).queryForObject(
                "select \"GMSFHM\" from \"RK_JBXX\" where \"RKBH\" not in (select source_key from _demo_defect) order by \"RKBH\" desc limit 1", String.class);
        try (Broker gaj = Broker.subscribe(connectionFactory, "dept.GAJ.objections", false)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/catalog/objections",
                    new HttpEntity<>(Map.of("kind", "Person", "recordKey", id, "field", "householdAddress",
                            "claimedValue", "福建省福州市鼓楼区新地址1号", "reason", "申请人称已迁入新址，户籍地址未更新")), Map.class)
                    .getStatusCode().value() == 201);
            var message = gaj.await(Duration.ofSeconds(30));
            String body = message instanceof TextMessage t ? t.getText() : new String(bytes(message), StandardCharsets.UTF_8);
            assertThat(body).contains("householdAddress").contains("申请人称已迁入新址").contains("\"raisedUnit\":\"ZWFWZX\"");
        }
        ResponseEntity<List<Map<String, Object>>> list = rest.withBasicAuth("integrator", "hub-demo").exchange("/api/catalog/objections",
                HttpMethod.GET, null, new ParameterizedTypeReference<>() {
                });
        assertThat(list.getBody()).anySatisfy(o -> assertThat(o).containsEntry("sourceUnit", "GAJ").containsEntry("field", "householdAddress"));
        assertThat(list.getBody().toString()).doesNotContain(id);
    }

    @Test
    void connectorHealthIsReportedPerConnector() {
        assertThat(rest.getForEntity("/actuator/health", Map.class).getBody()).doesNotContainKey("components");
        ResponseEntity<Map> health = rest.withBasicAuth("ops", "hub-demo").getForEntity("/actuator/health/connectors", Map.class);
        assertThat(health.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> details = (Map<String, Object>) health.getBody().get("details");
        assertThat(details).containsKeys("population", "legal-person", "credit", "e-licence");
        assertThat((Map<String, Object>) details.get("population")).containsEntry("state", "Started");
    }

    List<Map<String, Object>> datasets() {
        return rest.withBasicAuth("integrator", "hub-demo").exchange("/api/catalog/datasets", HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).getBody();
    }

    static byte[] bytes(jakarta.jms.Message m) throws jakarta.jms.JMSException {
        jakarta.jms.BytesMessage b = (jakarta.jms.BytesMessage) m;
        byte[] out = new byte[(int) b.getBodyLength()];
        b.readBytes(out);
        return out;
    }
}
