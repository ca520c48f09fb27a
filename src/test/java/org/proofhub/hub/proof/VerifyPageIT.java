package org.proofhub.hub.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.support.Demo;
import org.proofhub.hub.support.HubIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The QR code's page tells the citizen and the window why, in Chinese and with the facts: a valid proof, one whose printed
 * code does not match, a revoked one (when, why) and one presented for another item (which items). The JSON keeps its
 * English {@code reason} and adds the reason's {@code code} and {@code reasonZh}.
 */
class VerifyPageIT extends HubIT {
    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    @Autowired
    TestRestTemplate rest;
    @Autowired
    DemoDepartments departments;
    @Autowired
    CanonicalRecords records;
    @Autowired
    JdbcTemplate jdbc;
    Demo demo;

    @BeforeEach
    void setUp() {
        demo = new Demo(departments, records);
    }

    /** A proof as issued: its id, the QR code's digest, the last day it is usable, the canonical content and its signature. */
    record Issued(String id, String digest, String validUntil, String citizenId, byte[] content, String signature) {
    }

    /** A household proof for item 350100-MZ-0001 and {@code application}. */
    Issued issue(int n, String application) {
        String[] p = demo.person(n);
        Map<String, Object> body = Map.of("serviceItemCode", "350100-MZ-0001", "proofType", "household-registration", "applicationId", application,
                "purpose", "最低生活保障申请户籍核验", "subject", Map.of("name", p[0], "citizenId", p[1]));
        Map<String, Object> r = rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/proofs/queries", new HttpEntity<>(body), Map.class).getBody();
        assertThat(r).containsKey("proofId");
        Map<?, ?> content = (Map<?, ?>) r.get("content");
        byte[] canonical = Json.bytes(content);
        return new Issued(r.get("proofId").toString(), VerificationLink.digestOf(canonical), content.get("validUntil").toString(), p[1],
                canonical, r.get("signature").toString());
    }

    String page(String proofId, String query) {
        return rest.getForEntity("/verify/" + proofId + "?" + query, String.class).getBody();
    }

    @Test
    void aValidProofsChecksSayWhyInChinese() {
        Issued proof = issue(41, "APP-VP-1");
        String html = page(proof.id(), "d=" + proof.digest());
        // the issue time as the reader reads time: Beijing time to the second, not the content's ISO instant in UTC
        assertThat(html).containsPattern("签发时间：\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}（北京时间）");
        assertThat(html).contains("有效 · Valid")
                .contains("内容格式（CONTENT_FORMAT）</td><td>通过</td><td>内容格式正确：规范化 JSON（RFC 8785），与签章时的格式一致")
                .contains("有效期（VALIDITY）</td><td>通过</td><td>在有效期内，有效期至 " + proof.validUntil())
                .contains("用途（事项与申请）（PURPOSE）</td><td>未核验</td><td>该证明为事项 350100-MZ-0001（申请 APP-VP-1）出具；如需核对用途，请写明现用于哪个事项和申请")
                .contains("本系统存档中有这份证明，内容相同")
                .contains("撤销状态（REVOCATION）</td><td>通过</td><td>该证明未被撤销")
                // the form that checks the purpose, keeping the code's digest
                .contains("name=\"serviceItemCode\"").contains("name=\"d\" value=\"" + proof.digest() + "\"")
                .doesNotContain("usable until").doesNotContain("not revoked").doesNotContain("made for item").doesNotContain(proof.citizenId());
    }

    @Test
    void aProofPresentedForAnotherItemIsOutOfPurposeNamingBothItems() {
        Issued proof = issue(42, "APP-VP-2");
        String other = page(proof.id(), "d=" + proof.digest() + "&serviceItemCode=350100-RS-0001&applicationId=APP-VP-2");
        assertThat(other).contains("无效 · Invalid")
                .contains("用途（事项与申请）（PURPOSE）</td><td>未通过</td><td>该证明为事项 350100-MZ-0001（申请 APP-VP-2）出具，"
                        + "现用于事项 350100-RS-0001（申请 APP-VP-2），超出用途")
                .contains("value=\"350100-RS-0001\"").doesNotContain("out of purpose");
        assertThat(page(proof.id(), "d=" + proof.digest() + "&serviceItemCode=350100-MZ-0001&applicationId=APP-VP-2")).contains("有效 · Valid")
                .contains("该证明为事项 350100-MZ-0001（申请 APP-VP-2）出具，与现在的用途相符");

        // the JSON behind the code: the English reason as before, its code, and the Chinese
        Map<String, Object> json = rest.getForEntity("/api/public/proofs/" + proof.id() + "/verification?d=" + proof.digest()
                + "&serviceItemCode=350100-RS-0001&applicationId=APP-VP-2", Map.class).getBody();
        assertThat(json.get("valid")).isEqualTo(false);
        assertThat(ProofQueryIT.checks(json)).filteredOn(c -> "PURPOSE".equals(c.get("name"))).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("status", "FAILED").containsEntry("code", "OUT_OF_PURPOSE")
                        .containsEntry("reason", "out of purpose: made for item 350100-MZ-0001, application APP-VP-2, presented for item "
                                + "350100-RS-0001, application APP-VP-2")
                        .containsEntry("reasonZh", "该证明为事项 350100-MZ-0001（申请 APP-VP-2）出具，现用于事项 350100-RS-0001（申请 APP-VP-2），超出用途"));
        // every check has all three, and the API's description says what they are
        assertThat(ProofQueryIT.checks(json)).isNotEmpty().allSatisfy(c -> assertThat(c).containsKeys("reason", "code", "reasonZh"));
        Map<String, Map<String, Object>> schemas = (Map<String, Map<String, Object>>) ((Map<String, Object>) rest.getForObject("/v3/api-docs", Map.class)
                .get("components")).get("schemas");
        assertThat(schemas.get("ProofVerificationReport").get("description").toString()).contains("`code`").contains("`reasonZh`");
        assertThat(schemas.values()).anySatisfy(schema -> assertThat((Map<String, Map<String, Object>>) schema.get("properties"))
                .hasEntrySatisfying("reasonZh", p -> assertThat(p.get("description").toString()).contains("Chinese"))
                .hasEntrySatisfying("code", p -> assertThat(p.get("description").toString()).contains("stable code")));
    }

    @Test
    void aCodeThatIsNotTheArchivedProofsAndARevokedProofSayWhyInChinese() {
        Issued proof = issue(43, "APP-VP-3");
        assertThat(page(proof.id(), "d=" + "A".repeat(43))).contains("无效 · Invalid")
                .contains("内容摘要（CONTENT_DIGEST）</td><td>未通过</td><td>二维码中的摘要与存档的证明不符：纸质证明被改动过，或不是本系统出具的");

        assertThat(rest.withBasicAuth("window.supervisor", "hub-demo").postForEntity("/api/proofs/" + proof.id() + "/revoke",
                Map.of("reason", "申请人撤回申请"), Map.class).getStatusCode().value()).isEqualTo(200);
        java.time.Instant revokedAt = jdbc.queryForObject("select revoked_at from eproof where proof_id = ?", java.sql.Timestamp.class, proof.id())
                .toInstant();
        assertThat(page(proof.id(), "d=" + proof.digest())).contains("无效 · Invalid")
                .contains("撤销状态（REVOCATION）</td><td>未通过</td><td>该证明已于 " + BEIJING.format(revokedAt) + " 被撤销，原因：申请人撤回申请");

        Map<String, Object> json = rest.getForEntity("/api/public/proofs/" + proof.id() + "/verification?d=" + proof.digest(), Map.class).getBody();
        assertThat(ProofQueryIT.checks(json)).filteredOn(c -> "REVOCATION".equals(c.get("name"))).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("code", "PROOF_REVOKED")
                        .containsEntry("reason", "revoked on " + revokedAt + ": 申请人撤回申请")
                        .containsEntry("reasonZh", "该证明已于 " + BEIJING.format(revokedAt) + " 被撤销，原因：申请人撤回申请"));
    }

    @Test
    void alteredContentIsReportedInChineseByThePublicApi() {
        Issued proof = issue(44, "APP-VP-4");
        byte[] altered = new String(proof.content(), StandardCharsets.UTF_8).replace("APP-VP-4", "APP-VP-5").getBytes(StandardCharsets.UTF_8);
        Map<String, Object> json = rest.postForEntity("/api/public/proofs/verify", Map.of("contentBase64", Base64.getEncoder().encodeToString(altered),
                "signature", proof.signature()), Map.class).getBody();
        assertThat(json.get("valid")).isEqualTo(false);
        assertThat(ProofQueryIT.checks(json)).filteredOn(c -> "seal.CONTENT_DIGEST".equals(c.get("name"))).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("status", "FAILED").containsEntry("code", "CONTENT_DIGEST_DIFFERS")
                        .hasEntrySatisfying("reason", r -> assertThat(r.toString()).contains("the content is not what was sealed"))
                        .hasEntrySatisfying("reasonZh", r -> assertThat(r.toString()).startsWith("内容摘要与签章时不一致：证明内容在签章后被改动过")));
    }
}
