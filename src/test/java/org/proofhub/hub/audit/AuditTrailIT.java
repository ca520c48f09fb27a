package org.proofhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.HubApplication;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.platform.EmbeddedPostgresServer;
import org.proofhub.hub.support.Demo;
import org.proofhub.hub.support.HubIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit trail answers "who looked at this citizen" exactly, and the offline verify command finds
 * an edited, deleted or reordered entry and names it; a clean chain with its signed checkpoint verifies.
 */
class AuditTrailIT extends HubIT {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    EmbeddedPostgresServer pg;
    @Autowired
    DemoDepartments departments;
    @Autowired
    CanonicalRecords records;
    @Autowired
    AuditCheckpoints checkpoints;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    org.proofhub.hub.seal.SealModule seals;
    @Autowired
    java.time.Clock clock;
    Demo demo;

    @BeforeEach
    void demo() {
        demo = new Demo(departments, records);
    }

    @Test
    void whoLookedAtThisCitizenReturnsExactlyTheRecordedReads() {
        String[] person = demo.person(21);
        Instant before = clock.instant();
        rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/canonical/Person/" + person[1] + "?purpose=核对户籍信息", Map.class);
        Instant between = clock.instant();
        ResponseEntity<Map> issued = rest.withBasicAuth("window.agent.b", "hub-demo").postForEntity("/api/proofs/queries", new HttpEntity<>(Map.of(
                "serviceItemCode", "350100-RS-0001", "proofType", "household-registration", "applicationId", "APP-A-1",
                "purpose", "城乡居民养老保险参保登记", "subject", Map.of("name", person[0], "citizenId", person[1]))), Map.class);
        Instant after = clock.instant();
        assertThat(issued.getStatusCode().is2xxSuccessful()).as("%s", issued.getBody()).isTrue();
        // an auditor's own search names the subject too (AUDIT_SEARCHED), but reads nothing of it
        assertThat(entries(person[1])).isNotNull();
        String subjectHash = hub.queryForObject("select subject_hash from query_record where proof_id = ?", String.class, issued.getBody().get("proofId"));
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject(
                "select count(*) from audit_log where action = 'AUDIT_SEARCHED' and actor = 'auditor' and subject_hash = ?", Long.class, subjectHash) > 0);
        List<Map<String, Object>> found = await().atMost(Duration.ofSeconds(10)).until(() -> reads(Map.of("subject", person[1])), l -> l.size() >= 2);
        // exactly what was recorded: the rows in audit_log of the two reads, at the times the hub wrote them
        List<String> recorded = hub.queryForList("""
                select actor || '|' || unit_code || '|' || to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|' || purpose || '|' || action
                from audit_log where subject_hash = ? and action in ('RECORD_READ', 'DATA_QUERY') order by seq""", String.class, subjectHash);
        assertThat(found).extracting(e -> e.get("account") + "|" + e.get("unit") + "|" + micros(Instant.parse((String) e.get("at"))) + "|" + e.get("purpose")
                + "|" + e.get("action")).containsExactlyElementsOf(recorded).hasSize(2);
        assertThat(found).extracting(e -> e.get("account") + "|" + e.get("unit") + "|" + e.get("purpose") + "|" + e.get("action"))
                .containsExactly("window.agent|ZWFWZX|核对户籍信息|RECORD_READ", "window.agent.b|ZWFWZX|城乡居民养老保险参保登记|DATA_QUERY");
        // and when they happened: each within its call
        assertThat(Instant.parse((String) found.get(0).get("at"))).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.MICROS), between);
        assertThat(Instant.parse((String) found.get(1).get("at"))).isBetween(between.truncatedTo(java.time.temporal.ChronoUnit.MICROS), after);
        // the data query's query record (谁查询、谁负责) names the same account and purpose, and the proof the read produced
        String proofId = (String) issued.getBody().get("proofId");
        assertThat(hub.queryForObject("select account || '|' || purpose || '|' || proof_id from query_record where subject_hash = ? and proof_id = ?",
                String.class, subjectHash, proofId)).isEqualTo("window.agent.b|城乡居民养老保险参保登记|" + proofId);
        // what was read: the record's kind; the proof type and the proof
        assertThat((Map<String, Object>) found.get(0).get("what")).containsEntry("kind", "Person");
        assertThat((Map<String, Object>) found.get(1).get("what")).containsEntry("proofId", proofId).containsEntry("proofType", "household-registration");
        assertThat(found).extracting(e -> e.get("account")).doesNotContain("auditor");
        assertThat(found.toString()).doesNotContain(person[1]);
        // a time window narrows it; another person's reads do not show them
        assertThat(reads(Map.of("subject", person[1], "from", between.toString()))).extracting(e -> e.get("account")).containsExactly("window.agent.b");
        assertThat(reads(Map.of("subject", demo.person(22)[1])).stream().map(e -> e.get("account")).collect(Collectors.toSet()))
                .doesNotContain("window.agent.b");
        // only auditors ask
        assertThat(rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/audit/reads", Map.of("subject", person[1]), String.class)
                .getStatusCode().value()).isEqualTo(403);
    }

    static String micros(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(java.time.ZoneOffset.UTC).format(at);
    }

    List<Map<String, Object>> reads(Map<String, Object> body) {
        return rest.withBasicAuth("auditor", "hub-demo").exchange("/api/audit/reads", HttpMethod.POST, new HttpEntity<>(body),
                new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).getBody();
    }

    @Test
    void theTrailIsSearchedByUnitAndByTimeWindow() {
        String[] person = demo.person(24);
        rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/canonical/Person/" + person[1] + "?purpose=核对时间窗口", Map.class);
        rest.withBasicAuth("integrator", "hub-demo").getForEntity("/api/canonical/Person/" + person[1] + "?purpose=质量核查", Map.class);
        List<Map<String, Object>> reads = await().atMost(Duration.ofSeconds(10)).until(() -> search(Map.of("subject", person[1], "action", "RECORD_READ")),
                l -> l.size() == 2);
        String subjectHash = (String) reads.get(0).get("subjectHash");
        List<Map<String, Object>> rows = hub.queryForList(
                "select actor, unit_code, at from audit_log where subject_hash = ? and action = 'RECORD_READ' order by seq", subjectHash);
        assertThat(rows).extracting(r -> r.get("actor")).containsExactly("window.agent", "integrator");
        Instant windowAt = ((java.sql.Timestamp) rows.get(0).get("at")).toInstant();
        Instant integratorAt = ((java.sql.Timestamp) rows.get(1).get("at")).toInstant();

        // by unit: the window's read, not the data bureau's; a unit that read nothing finds nothing
        assertThat(search(Map.of("subject", person[1], "action", "RECORD_READ", "unit", "ZWFWZX")))
                .extracting(e -> e.get("actor") + "|" + e.get("unit") + "|" + e.get("purpose")).containsExactly("window.agent|ZWFWZX|核对时间窗口");
        assertThat(search(Map.of("subject", person[1], "action", "RECORD_READ", "unit", "SJJ")))
                .extracting(e -> e.get("actor")).containsExactly("integrator");
        assertThat(search(Map.of("subject", person[1], "unit", "GAJ"))).isEmpty();

        // by time: [from, to) around exactly one entry's recorded time finds it and only it
        assertThat(search(Map.of("subject", person[1], "action", "RECORD_READ", "from", windowAt.toString(), "to", windowAt.plusNanos(1_000).toString())))
                .extracting(e -> e.get("actor") + "|" + Instant.parse((String) e.get("at"))).containsExactly("window.agent|" + windowAt);
        assertThat(search(Map.of("subject", person[1], "action", "RECORD_READ", "from", windowAt.plusNanos(1_000).toString())))
                .extracting(e -> e.get("actor")).containsExactly("integrator");
        assertThat(search(Map.of("subject", person[1], "action", "RECORD_READ", "to", integratorAt.toString())))
                .extracting(e -> e.get("actor")).containsExactly("window.agent");
        assertThat(search(Map.of("subject", person[1], "action", "RECORD_READ", "from", integratorAt.plusNanos(1_000).toString()))).isEmpty();
    }

    /** The API's search with these parameters (encoded), as the auditor. */
    List<Map<String, Object>> search(Map<String, String> params) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/audit/entries");
        params.forEach(uri::queryParam);
        return rest.withBasicAuth("auditor", "hub-demo").exchange(uri.encode().build().toUri(), HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).getBody();
    }

    @Test
    void deniedAccessFailedLoginsAndEveryVerificationStateChangeAreInTheTrail() {
        String citizenId = org.proofhub.hub.support.TestData.citizenId();
        Map<String, Object> request = Map.of("serviceItemCode", "350100-MZ-0004", "applicationId", "APP-AUD-" + org.proofhub.hub.support.TestData.next(),
                "proofType", "kinship", "issuingUnit", "MZJ", "queryLetter", "请核实亲属关系。",
                "subject", Map.of("type", "PERSON", "id", citizenId, "name", "林秀珍"));
        ResponseEntity<Map> submitted = rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/verification/requests", request, Map.class);
        assertThat(submitted.getStatusCode().value()).as("%s", submitted.getBody()).isEqualTo(201);
        String id = (String) submitted.getBody().get("requestId");
        assertThat(rest.withBasicAuth("mzj.agent", "hub-demo").postForEntity("/api/verification/requests/" + id + "/answer",
                Map.of("kind", "REJECTED", "reason", "本单位无该申请人婚姻登记记录"), Map.class).getStatusCode().is2xxSuccessful()).isTrue();

        // another unit's request does not even exist for gaj.agent: to read, to answer or to re-address
        assertThat(rest.withBasicAuth("gaj.agent", "hub-demo").getForEntity("/api/verification/requests/" + id, Map.class)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(rest.withBasicAuth("gaj.agent", "hub-demo").postForEntity("/api/verification/requests/" + id + "/answer",
                Map.of("kind", "CONFIRMED", "content", Map.of("name", "林秀珍")), Map.class).getStatusCode().value()).isEqualTo(404);
        assertThat(rest.withBasicAuth("gaj.agent", "hub-demo").postForEntity("/api/verification/requests/" + id + "/readdress",
                Map.of("unit", "GAJ"), Map.class).getStatusCode().value()).isEqualTo(404);
        // refused by the hub's rule (another unit's roster), by a role check, and a wrong password
        assertThat(rest.withBasicAuth("gaj.agent", "hub-demo").exchange("/api/verification/roster/mzj.agent/availability", HttpMethod.PUT,
                new HttpEntity<>(Map.of("available", false)), Map.class).getStatusCode().value()).isEqualTo(403);
        assertThat(rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/ops/alerts", Map.class).getStatusCode().value()).isEqualTo(403);
        assertThat(rest.withBasicAuth("window.agent", "wrong-password").getForEntity("/api/verification/inbox", Map.class)
                .getStatusCode().value()).isEqualTo(401);

        List<Map<String, Object>> trail = await().atMost(Duration.ofSeconds(10)).until(() -> entries(citizenId),
                l -> l.stream().anyMatch(e -> "VERIFICATION_REJECTED".equals(e.get("action"))));
        assertThat(trail).extracting(e -> e.get("action") + "|" + e.get("actor"))
                .contains("VERIFICATION_ACCEPTED|window.agent", "VERIFICATION_ASSIGNED|hub", "VERIFICATION_REJECTED|mzj.agent");
        assertThat(trail.toString()).doesNotContain(citizenId);
        // the same search with the subject in a body (no URL carries it) finds the same entries
        List<Map<String, Object>> posted = rest.withBasicAuth("auditor", "hub-demo").exchange("/api/audit/entries/search", HttpMethod.POST,
                new HttpEntity<>(Map.of("subject", citizenId.toLowerCase(java.util.Locale.ROOT))),
                new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).getBody();
        assertThat(posted).extracting(e -> e.get("seq")).containsAll(trail.stream().map(e -> e.get("seq")).toList());
        assertThat(rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/audit/entries/search", Map.of("subject", citizenId),
                Map.class).getStatusCode().value()).as("auditors only").isEqualTo(403);

        List<Map<String, Object>> gaj = await().atMost(Duration.ofSeconds(10)).until(() -> byAccount("gaj.agent", "ACCESS_DENIED"),
                l -> l.stream().filter(e -> String.valueOf(e.get("detail")).contains("verification request " + id)).count() >= 3);
        assertThat(gaj.toString()).contains("/api/verification/roster/mzj.agent/availability", "hub rule", "verification-roster-forbidden",
                "verification request " + id);
        assertThat(gaj).filteredOn(e -> String.valueOf(e.get("detail")).contains("verification request " + id))
                .extracting(e -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(String.valueOf(e.get("detail"))).path("attempt").asText())
                .containsExactlyInAnyOrder("read", "answer", "re-address");
        // nothing was answered or re-addressed
        assertThat(hub.queryForObject("select status from verification_request where id = ?", String.class, id)).isEqualTo("REJECTED");
        List<Map<String, Object>> window = await().atMost(Duration.ofSeconds(10)).until(() -> byAccount("window.agent", "ACCESS_DENIED"),
                l -> !l.isEmpty());
        assertThat(window.toString()).contains("role check", "alerts");
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> byAccount("window.agent", "LOGIN_FAILED"), l -> !l.isEmpty())).isNotEmpty();
    }

    List<Map<String, Object>> byAccount(String account, String action) {
        return rest.withBasicAuth("auditor", "hub-demo").exchange("/api/audit/entries?account=" + account + "&action=" + action, HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).getBody();
    }

    List<Map<String, Object>> entries(String subject) {
        return rest.withBasicAuth("auditor", "hub-demo").exchange("/api/audit/entries?subject=" + subject, HttpMethod.GET, null,
                new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).getBody();
    }

    @Test
    void theVerifyCommandFindsEditedDeletedAndReorderedEntries() throws Exception {
        rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/canonical/Person/" + demo.person(23)[1] + "?purpose=核验", Map.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject("select count(*) from audit_pending", Long.class) == 0
                && hub.queryForObject("select count(*) from audit_log", Long.class) >= 5);
        assertThat(checkpoints.checkpoint()).isPositive();
        Map<?, ?> online = rest.withBasicAuth("auditor", "hub-demo").getForEntity("/api/audit/verification", Map.class).getBody();
        assertThat(online.get("intact")).as("%s", online).isEqualTo(true);

        Path roots = Files.createTempFile(Path.of("target"), "roots", ".pem");
        Files.writeString(roots, rest.getForEntity("/api/public/seals/roots.pem", String.class).getBody());
        copy();
        long mid = hub.queryForObject("select max(seq) / 2 + 1 from audit_copy", Long.class);
        assertThat(run(roots)).startsWith("0:").contains("INTACT").contains("checkpoint(s) verified");

        hub.update("update audit_copy set purpose = '改过的理由' where seq = ?", mid);
        assertThat(run(roots)).startsWith("1:").contains("first broken entry " + mid).contains("changed after it was written");

        copy();
        hub.update("delete from audit_copy where seq = ?", mid);
        assertThat(run(roots)).startsWith("1:").contains("first broken entry " + (mid + 1)).contains("entries " + mid + ".." + mid + " are missing");

        copy();
        hub.update("update audit_copy set seq = -seq where seq in (?, ?)", mid, mid + 1);
        hub.update("update audit_copy set seq = ? where seq = ?", mid + 1, -mid);
        hub.update("update audit_copy set seq = ? where seq = ?", mid, -(mid + 1));
        assertThat(run(roots)).startsWith("1:").contains("first broken entry " + mid);
    }

    @Test
    void aCheckpointWithoutAValidTimeStampIsReported() throws Exception {
        rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/canonical/Person/" + demo.person(25)[1] + "?purpose=核验", Map.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject("select count(*) from audit_pending", Long.class) == 0);
        long seq = checkpoints.checkpoint();
        assertThat(seq).isPositive();
        byte[] signature = hub.queryForObject("select signature from audit_checkpoint where seq = ?", byte[].class, seq);
        assertThat(verifyNow().intact()).as("%s", verifyNow().checkpoints()).isTrue();
        try {
            // the token removed: the signature itself still verifies (the token is an unsigned attribute), the checkpoint does not
            hub.update("update audit_checkpoint set signature = ? where seq = ?", withTimeStamp(signature, null), seq);
            AuditVerification.Report removed = verifyNow();
            assertThat(removed.intact()).isFalse();
            assertThat(removed.checkpoints()).anySatisfy(l -> assertThat(l).startsWith("FAILED checkpoint " + seq + ": it carries no valid time-stamp")
                    .contains("no signature time-stamp"));
            assertThat(removed.summary()).startsWith("BROKEN: FAILED checkpoint " + seq);
            // the token replaced by something that is not one
            hub.update("update audit_checkpoint set signature = ? where seq = ?", withTimeStamp(signature, new org.bouncycastle.asn1.DEROctetString(new byte[]{1, 2, 3})), seq);
            assertThat(verifyNow().checkpoints()).anySatisfy(l -> assertThat(l).startsWith("FAILED checkpoint " + seq + ": it carries no valid time-stamp"));
        } finally {
            hub.update("update audit_checkpoint set signature = ? where seq = ?", signature, seq);
        }
        assertThat(verifyNow().intact()).isTrue();
    }

    AuditVerification.Report verifyNow() throws Exception {
        return AuditVerification.verifyHubTrail(dataSource, seals, clock.instant());
    }

    /** The CMS with its unsigned attributes replaced by a time-stamp token attribute holding {@code token}, or by none. */
    static byte[] withTimeStamp(byte[] cms, org.bouncycastle.asn1.ASN1Encodable token) throws Exception {
        org.bouncycastle.cms.CMSSignedData signed = new org.bouncycastle.cms.CMSSignedData(cms);
        org.bouncycastle.cms.SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        org.bouncycastle.asn1.cms.AttributeTable unsigned = token == null ? null : new org.bouncycastle.asn1.cms.AttributeTable(
                new org.bouncycastle.asn1.cms.Attribute(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                        new org.bouncycastle.asn1.DERSet(token)));
        return org.bouncycastle.cms.CMSSignedData.replaceSigners(signed, new org.bouncycastle.cms.SignerInformationStore(
                org.bouncycastle.cms.SignerInformation.replaceUnsignedAttributes(signer, unsigned))).getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER);
    }

    void copy() {
        hub.execute("drop table if exists audit_copy");
        hub.execute("create table audit_copy as select * from audit_log");
    }

    String run(Path roots) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                HubApplication.class.getName(), "audit-verify", "--jdbc-url", pg.jdbcUrl("hub"), "--user", "postgres", "--password", "postgres",
                "--table", "audit_copy", "--trust", roots.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor() + ":" + out;
    }
}
