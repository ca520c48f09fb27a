package org.proofhub.hub.verification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.TestData;
import org.proofhub.hub.verification.Answer;
import org.proofhub.hub.verification.ItemKind;
import org.proofhub.hub.verification.RequestDetail;
import org.proofhub.hub.verification.Submitted;
import org.proofhub.hub.verification.VerificationSubmission;
import org.proofhub.hub.verification.VerificationTestConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A verification request's personal data — subject ID and name, query letter, what the applicant declared, the confirmed
 * facts — is stored encrypted (V26) and read back in clear by those who may see it; a row stored in clear before V26 is
 * still read, and sealed by the hub's sealing pass. (The same configuration as the verification tests: one running hub.)
 */
@Import(VerificationTestConfiguration.class)
@TestPropertySource(properties = {"hub.verification.scheduler-enabled=false", "hub.verification.item-terms=request"})
class RequestProtectionIT extends HubIT {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    RequestStore store;
    @Autowired
    TransactionTemplate tx;

    @Test
    void personalDataIsStoredEncryptedAndReadBackAndOldClearRowsAreSealed() {
        String citizenId = TestData.citizenId();
        VerificationSubmission s = new VerificationSubmission("350100-HJ-0001", "APP-" + TestData.next(), ItemKind.INSTANT, null,
                "household-registration", false, "GAJ", new VerificationSubmission.Subject(SubjectType.PERSON, citizenId, "保密测试人"),
                "请核实该申请人户籍登记信息，用于办理居住证。", null, Map.of("householdAddress", "福州市鼓楼区申报路1号"));
        ResponseEntity<Submitted> submitted = rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/verification/requests", s, Submitted.class);
        assertThat(submitted.getStatusCode().value()).isEqualTo(201);
        String id = submitted.getBody().requestId();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("name", "保密测试人");
        facts.put("householdAddress", "福州市鼓楼区核实路2号");
        assertThat(rest.withBasicAuth("gaj.agent", "hub-demo").postForEntity("/api/verification/requests/" + id + "/answer",
                Answer.confirmed(facts), Map.class).getStatusCode().value()).isEqualTo(200);

        Map<String, Object> row = hub.queryForMap("""
                select subject_id, subject_name, query_letter, declared::text as declared, content::text as content, personal, content_sealed
                from verification_request where id = ?""", id);
        assertThat(row.get("subject_id")).isNull();
        assertThat(row.get("subject_name")).isNull();
        assertThat(row.get("query_letter")).isNull();
        assertThat(row.get("declared")).isNull();
        assertThat(row.get("content")).isNull();
        assertThat(new String((byte[]) row.get("personal"), StandardCharsets.ISO_8859_1)).doesNotContain(citizenId);
        assertThat(new String((byte[]) row.get("content_sealed"), StandardCharsets.UTF_8)).doesNotContain("核实路");
        assertThat(hub.queryForObject("select count(*) from verification_request where id = ? and (personal::text like ? or content_sealed::text like ?)",
                Long.class, id, "%" + citizenId + "%", "%" + citizenId + "%")).isZero();

        RequestDetail read = detail(id);
        assertThat(read.subjectId()).isEqualTo(citizenId);
        assertThat(read.subjectName()).isEqualTo("保密测试人");
        assertThat(read.queryLetter()).startsWith("请核实");
        assertThat(read.declared()).containsEntry("householdAddress", "福州市鼓楼区申报路1号");
        assertThat(read.content()).containsEntry("householdAddress", "福州市鼓楼区核实路2号");
        assertThat(read.discrepantFields()).as("compared in the clear before sealing").containsExactly("householdAddress");

        // a row as a hub before V26 stored it: the clear columns, nothing sealed
        hub.update("""
                update verification_request set subject_id = ?, subject_name = '旧行测试人', query_letter = '旧的协查函', declared = '{"a":"1"}',
                    content = '{"name":"旧行测试人"}', personal = null, content_sealed = null where id = ?""", citizenId, id);
        assertThat(detail(id).subjectName()).as("read from the clear columns").isEqualTo("旧行测试人");
        int sealed = 0;
        for (Integer n = tx.execute(st -> store.sealClearRows(100)); n != null && n > 0; n = tx.execute(st -> store.sealClearRows(100))) {
            sealed += n;
        }
        assertThat(sealed).isGreaterThanOrEqualTo(1);
        assertThat(hub.queryForObject("select count(*) from verification_request where personal is null", Long.class)).isZero();
        assertThat(hub.queryForMap("select subject_id, content::text as content from verification_request where id = ?", id))
                .containsEntry("subject_id", null).containsEntry("content", null);
        RequestDetail resealed = detail(id);
        assertThat(resealed.subjectId()).isEqualTo(citizenId);
        assertThat(resealed.subjectName()).isEqualTo("旧行测试人");
        assertThat(resealed.queryLetter()).isEqualTo("旧的协查函");
        assertThat(resealed.declared()).containsEntry("a", "1");
        assertThat(resealed.content()).containsEntry("name", "旧行测试人");
    }

    private RequestDetail detail(String id) {
        ResponseEntity<RequestDetail> r = rest.withBasicAuth("gaj.agent", "hub-demo").getForEntity("/api/verification/requests/" + id, RequestDetail.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return r.getBody();
    }
}
