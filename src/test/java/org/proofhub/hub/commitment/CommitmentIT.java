package org.proofhub.hub.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.commitment.internal.PostCheckGauges;
import org.proofhub.hub.commitment.internal.PostChecks;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.proof.pdf.SignedPdfParts;
import org.proofhub.hub.seal.SealModule;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealVerification;
import org.proofhub.hub.support.Broker;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.TestData;
import org.proofhub.hub.verification.internal.DeadlineScheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Commitments end to end on the real hub: letters from the list entry, the signed and sealed commitment,
 * decline, withdrawal, proxies, eligibility against the demo credit database and its repair, the post-check
 * policy by credit level, and a false finding with its credit entry, message and revocation event.
 */
class CommitmentIT extends HubIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RESIDENCE = "350100-GA-0002";
    static final String ALLOWANCE = "350100-MZ-0001";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    DemoDepartments departments;
    @Autowired
    CanonicalRecords records;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    SealModule seals;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    DeadlineScheduler scheduler;
    @Autowired
    PostCheckGauges postCheckGauges;
    @Autowired
    MeterRegistry meters;
    JdbcTemplate credit;

    @BeforeEach
    void creditDatabase() {
        credit = new JdbcTemplate(departments.dataSource(DemoDepartment.CREDIT));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    TestRestTemplate agent() {
        return rest.withBasicAuth("window.agent", "hub-demo");
    }

    static Map<String, Object> person(String name, String id) {
        return Map.of("name", name, "citizenId", id, "address", "福州市鼓楼区五四路100号", "phone", "0591-87000000");
    }

    ResponseEntity<Map> offer(String item, String proofType, Map<String, Object> applicant) {
        Map<String, Object> body = new HashMap<>(Map.of("serviceItemCode", item, "proofType", proofType, "applicationId", "APP-CM-" + TestData.next(),
                "applicant", applicant));
        if (ALLOWANCE.equals(item)) {
            body.put("declared", Map.of("家庭成员人数", "3人", "家庭月人均收入", "860元"));
        }
        return agent().postForEntity("/api/commitments", new HttpEntity<>(body), Map.class);
    }

    String offered(String item, String proofType, Map<String, Object> applicant) {
        ResponseEntity<Map> r = offer(item, proofType, applicant);
        assertThat(r.getStatusCode().value()).as("%s", r.getBody()).isEqualTo(201);
        return r.getBody().get("id").toString();
    }

    ResponseEntity<Map> post(TestRestTemplate as, String path, Map<String, Object> body) {
        return as.postForEntity(path, new HttpEntity<>(body), Map.class);
    }

    ResponseEntity<Map> sign(String id, Map<String, Object> signature) {
        return post(agent(), "/api/commitments/" + id + "/sign", signature);
    }

    static Map<String, Object> byApplicant() {
        return Map.of("signedBy", "APPLICANT", "method", "HANDWRITTEN_PAD",
                "evidence", Base64.getEncoder().encodeToString("signature-pad-strokes".getBytes(StandardCharsets.UTF_8)));
    }

    String decided(String item, String proofType, Map<String, Object> applicant) {
        String id = offered(item, proofType, applicant);
        assertThat(sign(id, byApplicant()).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<Map> d = post(agent(), "/api/commitments/" + id + "/decide", Map.of("decisionRef", "榕居证〔2026〕" + TestData.next() + "号"));
        assertThat(d.getStatusCode().value()).as("%s", d.getBody()).isEqualTo(200);
        return id;
    }

    JsonNode letter(String id, String which) {
        return JSON.valueToTree(agent().getForObject("/api/commitments/" + id + "/letters/" + which, Map.class));
    }

    byte[] pdf(String path, TestRestTemplate as) {
        ResponseEntity<byte[]> r = as.getForEntity(path, byte[].class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return r.getBody();
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d).replaceAll("\\s+", "");
        }
    }

    SealVerification verify(byte[] content, byte[] cms) {
        return seals.verifier().verify(content, cms, seals.trustAnchors(), seals.certificateAuthority().currentCrls(), Instant.now());
    }

    Map<String, Object> entryOnList(String item, String proofType) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) rest.getForObject("/api/public/list", Map.class).get("items");
        Map<String, Object> i = items.stream().filter(x -> x.get("code").equals(item)).findFirst().orElseThrow();
        return ((List<Map<String, Object>>) i.get("proofs")).stream().filter(p -> p.get("proofType").equals(proofType)).findFirst().orElseThrow();
    }

    /** A rating of the credit centre (xy_pjjg) for a fresh subject, once the connector has brought it in. */
    String ratedSubject(String level) {
        String id = TestData.citizenId();
        credit.update("insert into xy_pjjg (ztbm, ztlx, ztmc, xydj, pjrq, scbz) values (?, '1', '信用测试', ?, ?, '0')", id, level, LocalDate.now());
        await().atMost(Duration.ofSeconds(60)).until(() -> records.find("CreditRating", id).isPresent());
        return id;
    }

    long dishonesty(String subject, String category, String severity) {
        long jlid = 9_000_000L + TestData.next() * 10L + (long) (Math.random() * 9);
        credit.update("""
                insert into xy_sxjl (jlid, ztlx, ztbm, ztmc, sxlb, yzcd, rdjg, rdrq, sxnr, xfzt, scbz)
                values (?, '1', ?, '失信测试', ?, ?, '福州市中级人民法院', ?, '测试用失信记录', '0', '0')""",
                jlid, subject, category, severity, LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(40));
        await().atMost(Duration.ofSeconds(60)).until(() -> records.find("CreditRecord", String.valueOf(jlid)).isPresent());
        return jlid;
    }

    void repair(long jlid) {
        credit.update("update xy_sxjl set xfzt = '1', xfrq = ? where jlid = ?", LocalDate.now(ZoneId.of("Asia/Shanghai")), jlid);
        await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(records.find("CreditRecord", String.valueOf(jlid))
                .orElseThrow().payload().get("repaired")));
    }

    Map<String, Object> eligibility(String subject) {
        return post(agent(), "/api/commitments/eligibility", person("资格测试", subject)).getBody();
    }

    static JsonNode awaitJson(Broker broker, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Message m = broker.await(Duration.ofSeconds(30));
            if (m instanceof BytesMessage b) {
                byte[] body = new byte[(int) b.getBodyLength()];
                b.readBytes(body);
                JsonNode json = JSON.readTree(body);
                if (wanted.test(json)) {
                    return json;
                }
            }
        }
        throw new AssertionError("no matching message within 30 s");
    }

    // ---- letters --------------------------------------------------------------------------------------------

    @Test
    void lettersGeneratedFromAListEntryContainItsElementsAndTheTemplatesArePublic() throws Exception {
        Map<String, Object> entry = entryOnList(RESIDENCE, "premises-use");
        Map<String, Object> elements = (Map<String, Object>) entry.get("commitment");
        ResponseEntity<Map> offered = offer(RESIDENCE, "premises-use", person("王小明", TestData.citizenId()));
        assertThat(offered.getStatusCode().value()).as("%s", offered.getBody()).isEqualTo(201);
        assertThat(offered.getBody()).containsEntry("status", "OFFERED").containsEntry("method", "NOTIFICATION_COMMITMENT");
        String id = offered.getBody().get("id").toString();

        JsonNode notification = JSON.valueToTree(offered.getBody()).path("letters").path("notification");
        String sections = notification.path("sections").toString();
        for (Object element : elements.values()) {
            assertThat(sections).contains(element.toString());
        }
        assertThat(sections).contains(entry.get("legalBasis").toString()).contains("市公安局");
        assertThat(notification.path("listVersion").asText()).isEqualTo(rest.getForObject("/api/public/list", Map.class).get("version"));

        // the notification letter is sealed twice: CMS over its data, PAdES in its PDF; with the commitment-letter seal,
        // not with a proof seal, whose keys serve their proofs only (SPEC 3.6)
        JsonNode stored = letter(id, "notification");
        byte[] content = org.proofhub.hub.proof.CanonicalJson.canonicalBytes(stored.path("content"));
        var sealed = verify(content, Base64.getDecoder().decode(stored.path("signature").asText()));
        assertThat(sealed.isValidFor(SealPurpose.COMMITMENT_LETTER)).isTrue();
        assertThat(sealed.isValidFor(SealPurpose.DATA_SHARING)).isFalse();
        byte[] pdf = pdf("/api/commitments/" + id + "/letters/notification.pdf", agent());
        // the letters name the applicant: an agent of a unit with no part in the commitment cannot open them
        ResponseEntity<Map> elsewhere = rest.withBasicAuth("fgw.agent", "hub-demo").getForEntity("/api/commitments/" + id + "/letters/commitment", Map.class);
        assertThat(elsewhere.getStatusCode().value()).isEqualTo(403);
        assertThat(elsewhere.getBody().get("detail").toString()).contains("its letters name the applicant");
        // nor read the commitment (masked, it still tells who applied for what) or act on it; each refusal is audited
        TestRestTemplate other = rest.withBasicAuth("fgw.agent", "hub-demo");
        assertThat(other.getForEntity("/api/commitments/" + id, Map.class).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> foreignDecline = post(other, "/api/commitments/" + id + "/decline", Map.of("reason", "别的部门替申请人拒绝"));
        assertThat(foreignDecline.getStatusCode().value()).isEqualTo(403);
        assertThat(foreignDecline.getBody().get("detail").toString()).contains("only they decline it");
        assertThat(agent().getForObject("/api/commitments/" + id, Map.class)).containsEntry("status", "OFFERED");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject("""
                select (select count(*) from audit_pending where action = 'ACCESS_DENIED' and actor = 'fgw.agent' and detail like ?)
                     + (select count(*) from audit_log where action = 'ACCESS_DENIED' and actor = 'fgw.agent' and detail like ?)""",
                Long.class, "%" + id + "%", "%" + id + "%") >= 3);
        SignedPdfParts parts = SignedPdfParts.of(pdf);
        assertThat(verify(parts.signedBytes(), parts.cms()).isValidFor(SealPurpose.COMMITMENT_LETTER)).isTrue();
        String text = text(pdf);
        assertThat(text).contains("告知书").contains("一、法律、法规、规章及行业规范的有关规定").contains("政务部门：市公安局")
                .contains(elements.get("conditions").toString().replaceAll("\\s+", ""));

        // the templates are public, with the list's version and date
        ResponseEntity<Map> templates = rest.getForEntity("/api/public/commitment-letters/" + RESIDENCE + "/premises-use", Map.class);
        assertThat(templates.getStatusCode().value()).isEqualTo(200);
        assertThat(templates.getBody()).containsKeys("listVersion", "publishedOn");
        assertThat(JSON.valueToTree(templates.getBody()).path("notification").path("sections").toString())
                .contains(elements.get("supervision").toString());
        assertThat(text(pdf("/api/public/commitment-letters/" + RESIDENCE + "/premises-use/commitment.pdf", rest))).contains("承诺书").contains("样式");
        assertThat((List<?>) rest.getForObject("/api/public/commitment-letters", List.class)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void aSignedCommitmentIsStoredAndSealed() throws Exception {
        String id = offered(ALLOWANCE, "family-income", person("李秀英", TestData.citizenId()));
        ResponseEntity<Map> signed = sign(id, byApplicant());
        assertThat(signed.getStatusCode().value()).as("%s", signed.getBody()).isEqualTo(200);
        assertThat(signed.getBody()).containsEntry("status", "SIGNED").containsEntry("signedBy", "APPLICANT").containsKey("signedAt");

        JsonNode stored = letter(id, "commitment");
        JsonNode content = stored.path("content");
        String evidenceSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("signature-pad-strokes".getBytes(StandardCharsets.UTF_8)));
        assertThat(content.path("signature").path("evidenceSha256").asText()).isEqualTo(evidenceSha);
        assertThat(content.path("signature").path("signedAt").asText()).isEqualTo(signed.getBody().get("signedAt").toString());
        assertThat(content.path("applicant").path("name").asText()).isEqualTo("李秀英");
        assertThat(content.path("declared").path("家庭月人均收入").asText()).isEqualTo("860元");
        assertThat(verify(org.proofhub.hub.proof.CanonicalJson.canonicalBytes(content), Base64.getDecoder().decode(stored.path("signature").asText()))
                .isValidFor(SealPurpose.COMMITMENT_LETTER)).isTrue();
        byte[] pdf = pdf("/api/commitments/" + id + "/letters/commitment.pdf", agent());
        SignedPdfParts parts = SignedPdfParts.of(pdf);
        assertThat(verify(parts.signedBytes(), parts.cms()).isValidFor(SealPurpose.COMMITMENT_LETTER)).isTrue();
        assertThat(text(pdf)).contains("承诺书").contains("申请人（签字盖章）：李秀英").contains("家庭月人均收入：860元").contains(evidenceSha)
                .contains("签署方式：手写签名板").doesNotContain("HANDWRITTEN_PAD");
        assertThat(hub.queryForObject("select signature_sha256 from commitment where id = ?", String.class, id)).isEqualTo(evidenceSha);
        // the view masks the applicant; the read of the letter was audited
        assertThat(signed.getBody().get("applicantMasked").toString()).doesNotContain("李秀英");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject(
                "select count(*) from audit_log where action = 'COMMITMENT_LETTER_READ' and detail like ?", Long.class, "%" + id + "%") > 0);
    }

    @Test
    void declineAndWithdrawPathsWork() {
        String declined = offered(RESIDENCE, "premises-use", person("赵敏", TestData.citizenId()));
        ResponseEntity<Map> d = post(agent(), "/api/commitments/" + declined + "/decline", Map.of("reason", "申请人选择提交房屋租赁合同"));
        assertThat(d.getBody()).containsEntry("status", "DECLINED");
        assertThat((List<Map<String, Object>>) d.getBody().get("alternatives")).extracting(a -> a.get("method"))
                .containsExactly("DEPARTMENT_VERIFICATION", "PAPER_PROOF");
        assertThat(sign(declined, byApplicant()).getStatusCode().value()).isEqualTo(409);

        String withdrawn = offered(RESIDENCE, "premises-use", person("钱进", TestData.citizenId()));
        sign(withdrawn, byApplicant());
        assertThat(post(agent(), "/api/commitments/" + withdrawn + "/withdraw", Map.of()).getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map> w = post(agent(), "/api/commitments/" + withdrawn + "/withdraw", Map.of("reason", "申请人已取得租赁备案证明，改按原程序办理"));
        assertThat(w.getBody()).containsEntry("status", "WITHDRAWN").containsKey("withdrawnAt");
        assertThat((List<Map<String, Object>>) w.getBody().get("timeline")).extracting(e -> e.get("to")).containsExactly("OFFERED", "SIGNED", "WITHDRAWN");

        String decided = decided(RESIDENCE, "premises-use", person("孙丽", TestData.citizenId()));
        ResponseEntity<Map> late = post(agent(), "/api/commitments/" + decided + "/withdraw", Map.of("reason", "太晚了"));
        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(late.getBody().get("detail").toString()).contains("only before the item is decided");
    }

    @Test
    void proxyWithoutAuthorisationIsRefused() throws Exception {
        String applicant = TestData.citizenId();
        String proxy = TestData.citizenId();
        String id = offered(RESIDENCE, "premises-use", person("周老伯", applicant));
        Map<String, Object> proxySignature = new HashMap<>(Map.of("signedBy", "PROXY", "method", "HANDWRITTEN_PAD",
                "proxy", Map.of("name", "周小军", "citizenId", proxy)));
        ResponseEntity<Map> without = sign(id, proxySignature);
        assertThat(without.getStatusCode().value()).isEqualTo(403);
        assertThat(without.getBody().get("detail").toString()).contains("special authorisation").contains("代为承诺须取得申请人的特别授权");

        // an authorisation someone else gave does not count
        Map<String, Object> foreign = post(agent(), "/api/commitments/authorisations", Map.of("authoriser", person("别人", TestData.citizenId()),
                "proxy", Map.of("name", "周小军", "citizenId", proxy), "scope", List.of("*"), "documentRef", "（2026）闽榕证字第0001号",
                "validUntil", LocalDate.now().plusDays(30).toString())).getBody();
        proxySignature.put("authorisationId", foreign.get("id"));
        assertThat(sign(id, proxySignature).getStatusCode().value()).isEqualTo(403);

        ResponseEntity<Map> recorded = post(agent(), "/api/commitments/authorisations", Map.of("authoriser", person("周老伯", applicant),
                "proxy", Map.of("name", "周小军", "citizenId", proxy), "scope", List.of(RESIDENCE), "documentRef", "（2026）闽榕证字第0002号",
                "validUntil", LocalDate.now().plusDays(30).toString()));
        assertThat(recorded.getStatusCode().value()).isEqualTo(201);
        proxySignature.put("authorisationId", recorded.getBody().get("id"));
        ResponseEntity<Map> signed = sign(id, proxySignature);
        assertThat(signed.getStatusCode().value()).as("%s", signed.getBody()).isEqualTo(200);
        assertThat(signed.getBody()).containsEntry("signedBy", "PROXY").containsEntry("authorisationId", recorded.getBody().get("id"));
        assertThat(text(pdf("/api/commitments/" + id + "/letters/commitment.pdf", agent()))).contains("代为承诺人（签字）：周小军")
                .contains("（2026）闽榕证字第0002号");
    }

    // ---- eligibility against the credit source --------------------------------------------------------------

    @Test
    void anApplicantWithASeriousDishonestyRecordIsRefusedAndEligibleOnceItIsRepaired() {
        String subject = TestData.citizenId();
        long record = dishonesty(subject, "SX04", "3");

        Map<String, Object> refused = eligibility(subject);
        assertThat(refused).containsEntry("eligible", false);
        Map<String, Object> reason = ((List<Map<String, Object>>) refused.get("reasons")).get(0);
        assertThat(reason).containsEntry("code", "SERIOUS_DISHONESTY_NOT_REPAIRED");
        assertThat(reason.get("zh").toString()).contains("严重失信记录").contains("严重违法失信").contains("部门核验");
        ResponseEntity<Map> offer = offer(RESIDENCE, "premises-use", person("失信测试", subject));
        assertThat(offer.getStatusCode().value()).isEqualTo(422);
        assertThat(offer.getBody().get("type").toString()).endsWith("/commitment-not-eligible");
        assertThat(offer.getBody().get("alternatives")).isEqualTo(List.of("DEPARTMENT_VERIFICATION", "PAPER_PROOF"));

        // the credit centre repairs the record in its own database; the credit connector brings the change
        repair(record);
        assertThat(eligibility(subject)).containsEntry("eligible", true);
        assertThat(offer(RESIDENCE, "premises-use", person("失信测试", subject)).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void anUnrepairedFalseCommitmentInTheCreditSourceRefusesAndAGeneralPenaltyDoesNot() {
        String liar = TestData.citizenId();
        dishonesty(liar, "SX02", "2");
        assertThat(((List<Map<String, Object>>) eligibility(liar).get("reasons"))).extracting(r -> r.get("code"))
                .containsExactly("FALSE_COMMITMENT_NOT_REPAIRED");
        String fined = TestData.citizenId();
        dishonesty(fined, "CF01", "1");
        assertThat(eligibility(fined)).containsEntry("eligible", true);
    }

    // ---- post-checks ---------------------------------------------------------------------------------------

    @Test
    void postCheckPolicyByCreditLevel() throws Exception {
        String a = decided(RESIDENCE, "premises-use", person("守信甲", ratedSubject("A")));
        Map<String, Object> exempt = (Map<String, Object>) agent().getForObject("/api/commitments/" + a, Map.class).get("postCheck");
        assertThat(exempt).containsEntry("creditLevel", "A").containsEntry("mode", "EXEMPT").containsEntry("status", "EXEMPT").doesNotContainKey("dueAt");

        // the responsible unit's system takes check tasks from its verification request queue, dispatching on messageType
        try (org.proofhub.hub.verification.Department checks = org.proofhub.hub.verification.Department.requests(connectionFactory, "GAJ");
             org.proofhub.hub.verification.Department gajSupervisor = org.proofhub.hub.verification.Department.supervisor(connectionFactory, "GAJ")) {
            String c = decided(RESIDENCE, "premises-use", person("失信丙", ratedSubject("C")));
            Map<String, Object> view = agent().getForObject("/api/commitments/" + c, Map.class);
            Map<String, Object> full = (Map<String, Object>) view.get("postCheck");
            assertThat(full).containsEntry("creditLevel", "C").containsEntry("mode", "FULL").containsEntry("status", "PENDING").containsEntry("unit", "GAJ");
            Instant decidedAt = Instant.parse(view.get("decidedAt").toString());
            assertThat(Instant.parse(full.get("dueAt").toString())).isEqualTo(decidedAt.plus(Duration.ofDays(30)));
            assertThat(PostChecks.checksAddress("GAJ")).isEqualTo(org.proofhub.hub.verification.VerificationAddresses.requests("GAJ"))
                    .isEqualTo("hub.verification.unit.GAJ.requests");
            PostCheckTaskMessage task = checks.awaitPostCheck(t -> t.getCheckId().equals(full.get("id")), Duration.ofSeconds(30));
            assertThat(checks.lastMessageType()).isEqualTo("post-check");
            assertThat(task.getMessageId()).isEqualTo("post-check-" + full.get("id"));
            assertThat(task.getCommitmentId()).isEqualTo(c);
            assertThat(task.getResponsibleUnit()).isEqualTo("GAJ");
            assertThat(task.getServiceItemCode()).isEqualTo(RESIDENCE);
            assertThat(task.getProofType()).isEqualTo("premises-use");
            assertThat(task.getApplicantName()).isEqualTo("失信丙");
            assertThat(task.getApplicantType()).isEqualTo(org.proofhub.hub.canonical.SubjectType.PERSON);
            assertThat(task.getCreditLevel()).isEqualTo("C");
            assertThat(task.getMode()).isEqualTo("FULL");
            assertThat(task.getDueAt()).isEqualTo(Instant.parse(full.get("dueAt").toString()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(task.getFinding()).isEqualTo("/api/post-checks/" + full.get("id") + "/finding");
            assertThat(task.getFindingsQueue()).isEqualTo(PostChecks.FINDINGS);

            // the unit sees it among its checks; once due and still open, it is reported once on the same queue
            List<Map<String, Object>> mine = rest.withBasicAuth("gaj.agent", "hub-demo").getForObject("/api/post-checks?status=PENDING", List.class);
            assertThat(mine).anySatisfy(p -> assertThat(p).containsEntry("id", full.get("id")));
            // the due date is a timer of the verification engine; the 30 days pass (the timer is moved to now) without a finding
            String checkId = full.get("id").toString();
            assertThat(hub.queryForObject("select due_at from verification_deadline where request_id = ? and kind = 'POST_CHECK' and state = 'PENDING'",
                    java.sql.Timestamp.class, checkId).toInstant()).isEqualTo(Instant.parse(full.get("dueAt").toString()));
            hub.update("update verification_deadline set due_at = now() where request_id = ? and kind = 'POST_CHECK'", checkId);
            scheduler.fireDue();
            // the unit hears it is overdue, and the unit's supervisor has it in the inbox with the supervisor window
            PostCheckNoticeMessage overdue = checks.awaitPostCheckNotice(n -> n.getType() == PostCheckNoticeType.OVERDUE
                    && n.getCheckId().equals(checkId), Duration.ofSeconds(30));
            assertThat(checks.lastMessageType()).isEqualTo("post-check-notice");
            assertThat(overdue.getCommitmentId()).isEqualTo(c);
            assertThat(overdue.getResponsibleUnit()).isEqualTo("GAJ");
            assertThat(overdue.getSupervisor()).isEqualTo("gaj.supervisor");
            Map<String, Object> escalated = (Map<String, Object>) agent().getForObject("/api/commitments/" + c, Map.class).get("postCheck");
            assertThat(escalated).containsEntry("status", "PENDING").containsEntry("supervisor", "gaj.supervisor").containsKey("overdueAt");
            Instant escalatedAt = Instant.parse(escalated.get("escalatedAt").toString());
            assertThat(Instant.parse(escalated.get("respondBy").toString())).isEqualTo(escalatedAt.plus(Duration.ofDays(5)));
            assertThat(overdue.getRespondBy()).isEqualTo(Instant.parse(escalated.get("respondBy").toString()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            TestRestTemplate supervisor = rest.withBasicAuth("gaj.supervisor", "hub-demo");
            List<Map<String, Object>> inbox = supervisor.getForObject("/api/verification/alerts", List.class);
            assertThat(inbox).filteredOn(alert -> checkId.equals(alert.get("postCheckId"))).singleElement().satisfies(alert -> assertThat(alert)
                    .containsEntry("kind", "ESCALATION").containsEntry("unitCode", "GAJ").containsEntry("supervisor", "gaj.supervisor")
                    .containsEntry("respondBy", escalated.get("respondBy")).doesNotContainKey("requestId"));
            // and on the supervisors' address, in the Avro contract of request escalations, naming the check
            org.proofhub.hub.verification.VerificationNoticeMessage notice = gajSupervisor.awaitNotice(n -> checkId.equals(n.getPostCheckId()),
                    Duration.ofSeconds(30));
            assertThat(notice.getType()).isEqualTo(org.proofhub.hub.verification.NoticeType.ESCALATED);
            assertThat(notice.getRequestId()).isNull();
            assertThat(notice.getIssuingUnit()).isEqualTo("GAJ");
            assertThat(notice.getSupervisor()).isEqualTo("gaj.supervisor");
            assertThat(notice.getRespondBy()).isEqualTo(Instant.parse(escalated.get("respondBy").toString()));
            // fired once: firing again changes nothing
            scheduler.fireDue();
            assertThat(hub.queryForObject("select count(*) from verification_alert where post_check_id = ?", Integer.class, checkId)).isOne();
            assertThat(hub.queryForObject("select count(*) from verification_deadline where request_id = ? and kind = 'POST_CHECK_ESCALATION' and state = 'PENDING'",
                    Integer.class, checkId)).isOne();

            // the supervisor's five days pass without a finding: a breach, recorded on the check, in the inbox and on the unit's queue
            hub.update("update verification_deadline set due_at = now() where request_id = ? and kind = 'POST_CHECK_ESCALATION'", checkId);
            scheduler.fireDue();
            PostCheckNoticeMessage breached = checks.awaitPostCheckNotice(n -> n.getType() == PostCheckNoticeType.BREACHED
                    && n.getCheckId().equals(checkId), Duration.ofSeconds(30));
            assertThat(breached.getSupervisor()).isEqualTo("gaj.supervisor");
            assertThat(breached.getEscalatedAt()).isEqualTo(escalatedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(gajSupervisor.awaitNotice(n -> checkId.equals(n.getPostCheckId()), Duration.ofSeconds(30)).getType())
                    .isEqualTo(org.proofhub.hub.verification.NoticeType.BREACHED);
            Map<String, Object> after = (Map<String, Object>) agent().getForObject("/api/commitments/" + c, Map.class).get("postCheck");
            assertThat(after.get("breachedAt")).isNotNull();
            assertThat(supervisor.getForObject("/api/verification/alerts", List.class)).filteredOn(alert -> checkId.equals(((Map<?, ?>) alert).get("postCheckId")))
                    .extracting(alert -> ((Map<?, ?>) alert).get("kind")).containsExactlyInAnyOrder("ESCALATION", "BREACH");
            assertThat(hub.queryForList("select action from audit_pending where detail like ? union all select action from audit_log where detail like ?",
                    String.class, "%" + checkId + "%", "%" + checkId + "%")).contains("POST_CHECK_OVERDUE", "POST_CHECK_BREACHED");
            // operators see it in the gauges (and alert on their increase: deploy/prometheus/alert-rules.yml)
            postCheckGauges.refresh();
            assertThat(meters.get("hub.commitment.post_check_breaches").tags("unit", "GAJ").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("hub.commitment.post_checks").tags("unit", "GAJ", "state", "breached").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(meters.get("hub.commitment.post_checks").tags("unit", "MZJ", "state", "breached").gauge().value()).isZero();
        }

        // level B is sampled: the choice is the policy's, recorded with the number that made it
        Map<String, Object> sampled = (Map<String, Object>) agent().getForObject("/api/commitments/"
                + decided(RESIDENCE, "premises-use", person("基本乙", ratedSubject("B"))), Map.class).get("postCheck");
        assertThat(sampled).containsEntry("mode", "SAMPLE").containsKey("sample");
        assertThat(sampled.get("status")).isEqualTo((Double) sampled.get("sample") < 0.10 ? "PENDING" : "NOT_SAMPLED");

        ResponseEntity<Map> d = offer(RESIDENCE, "premises-use", person("严重丁", ratedSubject("D")));
        assertThat(d.getStatusCode().value()).isEqualTo(422);
        assertThat(((List<Map<String, Object>>) d.getBody().get("reasons"))).extracting(r -> r.get("code")).containsExactly("CREDIT_LEVEL_D");
    }

    /**
     * A department's system sends its finding over JMS instead of calling the API: it is recorded once (a redelivered
     * message changes nothing); a finding for another unit's check and a message that is no JSON are kept with the reason.
     */
    @Test
    void departmentsSystemsSendFindingsOverJms() throws Exception {
        String id = decided(RESIDENCE, "premises-use", person("核查对象", ratedSubject("C")));
        String check = ((Map<String, Object>) agent().getForObject("/api/commitments/" + id, Map.class).get("postCheck")).get("id").toString();
        String finding = """
                {"messageId": "%s", "checkId": "%s", "unit": "%s", "result": "CONFIRMED", "note": "经实地核查，申请人确在申报住所居住", "checkedBy": "王警官"}""";

        sendFinding(finding.formatted("F-other-" + check, check, "MZJ"));
        sendFinding(finding.formatted("F-" + check, check, "GAJ"));
        sendFinding(finding.formatted("F-" + check, check, "GAJ"));
        // a reason says where the message broke, not what it held: the parser would quote this token, citizen ID and all
        String citizenId = TestData.citizenId();
        sendFinding("{\"unit\": \"GAJ\", \"checkId\": x" + citizenId + "}");
        sendFinding("不是 JSON " + check);

        // one consumer takes them in order: once the last is kept, the others are done
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.queryForObject(
                "select count(*) from post_check_finding_message where message_id like 'unreadable-%' and body = ?", Long.class,
                ("不是 JSON " + check).getBytes(StandardCharsets.UTF_8)) == 1);
        assertThat(hub.queryForMap("select status, found_by, finding from post_check where id = ?", check))
                .containsEntry("status", "CONFIRMED").containsEntry("found_by", "jms:GAJ:王警官").containsEntry("finding", "经实地核查，申请人确在申报住所居住");
        // a check with its finding is not escalated when its due date comes
        hub.update("update verification_deadline set due_at = now() where request_id = ? and kind = 'POST_CHECK'", check);
        scheduler.fireDue();
        // the hub's own scheduler thread may be the one that claimed it, and still be firing
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hub.queryForObject(
                "select state from verification_deadline where request_id = ? and kind = 'POST_CHECK'", String.class, check)).isEqualTo("FIRED"));
        assertThat(hub.queryForMap("select escalated_at, supervisor from post_check where id = ?", check)).containsEntry("escalated_at", null);
        assertThat(hub.queryForObject("select count(*) from verification_alert where post_check_id = ?", Integer.class, check)).isZero();
        assertThat(hub.queryForObject("select count(*) from post_check_finding_message where message_id = ? and accepted", Long.class, "F-" + check))
                .isEqualTo(1);
        assertThat(hub.queryForObject("select problem from post_check_finding_message where message_id = ? and not accepted", String.class,
                "F-other-" + check)).contains("belongs to GAJ");
        // the sending unit sees what was refused and why; another unit does not; operators see all, the unreadable too
        List<Map<String, Object>> mzj = rest.withBasicAuth("mzj.agent", "hub-demo").getForObject("/api/post-checks/refused-findings", List.class);
        assertThat(mzj).anySatisfy(r -> assertThat(r).containsEntry("messageId", "F-other-" + check).containsEntry("checkId", check)
                .hasEntrySatisfying("problem", p -> assertThat((String) p).contains("belongs to GAJ")));
        assertThat(rest.withBasicAuth("gaj.agent", "hub-demo").getForObject("/api/post-checks/refused-findings", List.class))
                .noneSatisfy(r -> assertThat((Map<String, Object>) r).containsEntry("messageId", "F-other-" + check));
        List<Map<String, Object>> all = rest.withBasicAuth("ops", "hub-demo").getForObject("/api/post-checks/refused-findings", List.class);
        assertThat(all).anySatisfy(r -> assertThat(r).containsEntry("messageId", "F-other-" + check));
        assertThat(all).anySatisfy(r -> assertThat((String) r.get("messageId")).startsWith("unreadable-"));
        assertThat(hub.queryForObject("select count(*) from post_check_finding_message where problem like 'not JSON (line 1, column %'",
                Long.class)).isGreaterThanOrEqualTo(2);
        assertThat(hub.queryForObject("select count(*) from post_check_finding_message where problem like ?", Long.class,
                "%" + citizenId + "%")).isZero();
        // one statement, one snapshot: the chain writer moves entries from the intake to the log meanwhile
        assertThat(hub.queryForObject("""
                select (select count(*) from audit_pending where action = 'POST_CHECK_FINDING' and detail::jsonb->>'postCheck' = ?)
                     + (select count(*) from audit_log where action = 'POST_CHECK_FINDING' and detail::jsonb->>'postCheck' = ?)""",
                Long.class, check, check)).as("recorded once in the audit trail").isEqualTo(1);
    }

    private void sendFinding(String text) throws JMSException {
        try (jakarta.jms.Connection c = connectionFactory.createConnection()) {
            jakarta.jms.Session session = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(PostChecks.FINDINGS)).send(session.createTextMessage(text));
        }
    }

    @Test
    void aFalseFindingProducesTheCreditEntryTheMessageToTheCreditDepartmentAndTheRevocationEvent() throws Exception {
        String subject = ratedSubject("C");
        String id = decided(RESIDENCE, "premises-use", person("虚假承诺人", subject));
        String check = ((Map<String, Object>) agent().getForObject("/api/commitments/" + id, Map.class).get("postCheck")).get("id").toString();
        Map<String, Object> finding = Map.of("result", "FALSE", "note", "经实地核查，申请人未在申报住所居住，房屋系他人所有且无租赁关系");

        assertThat(post(rest.withBasicAuth("mzj.agent", "hub-demo"), "/api/post-checks/" + check + "/finding", finding).getStatusCode().value())
                .as("another unit's agent").isEqualTo(403);
        try (Broker creditDepartment = Broker.subscribe(connectionFactory, PostChecks.creditEntriesAddress("FGW"), false);
             Broker events = Broker.subscribe(connectionFactory, PostChecks.EVENTS, true)) {
            ResponseEntity<Map> found = post(rest.withBasicAuth("gaj.agent", "hub-demo"), "/api/post-checks/" + check + "/finding", finding);
            assertThat(found.getStatusCode().value()).as("%s", found.getBody()).isEqualTo(200);
            assertThat(found.getBody()).containsEntry("status", "FOUND_FALSE").containsEntry("foundBy", "gaj.agent");

            JsonNode entry = awaitJson(creditDepartment, j -> j.path("commitmentId").asText().equals(id));
            assertThat(entry.path("subjectId").asText()).isEqualTo(subject);
            assertThat(entry.path("sxlb").asText()).isEqualTo("SX02");
            assertThat(entry.path("decidingAuthority").asText()).isEqualTo("市公安局");
            assertThat(entry.path("description").asText()).contains("居住证申领").contains("未在申报住所居住");
            JsonNode revoked = awaitJson(events, j -> j.path("commitmentId").asText().equals(id));
            assertThat(revoked.path("type").asText()).isEqualTo("decision-revoked");
            assertThat(revoked.path("falseCommitmentId").asText()).isEqualTo(entry.path("entryId").asText());
            assertThat(revoked.toString()).doesNotContain(subject);
        }
        Map<String, Object> view = agent().getForObject("/api/commitments/" + id, Map.class);
        assertThat(view).containsEntry("status", "REVOKED").containsKey("revokedAt");
        assertThat(hub.queryForObject("select count(*) from false_commitment where commitment_id = ?", Long.class, id)).isEqualTo(1);

        // the hub's own entry refuses at once; when the credit centre records it, its record (and its repair) govern
        assertThat(((List<Map<String, Object>>) eligibility(subject).get("reasons"))).extracting(r -> r.get("code")).contains("FALSE_COMMITMENT_FOUND");
        long recorded = dishonesty(subject, "SX02", "2");
        credit.update("update xy_sxjl set rdrq = ? where jlid = ?", LocalDate.now(ZoneId.of("Asia/Shanghai")), recorded);
        await().atMost(Duration.ofSeconds(60)).until(() -> ((List<Map<String, Object>>) eligibility(subject).get("reasons")).stream()
                .map(r -> r.get("code")).toList().equals(List.of("FALSE_COMMITMENT_NOT_REPAIRED")));
        repair(recorded);
        await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(eligibility(subject).get("eligible")));
    }
}
