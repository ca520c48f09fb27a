package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealVerification;
import org.proofhub.hub.support.TestData;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;

/**
 * Each answer of SPEC §4.2, given in the hub (REST) and by a department's own system over JMS: a confirmed
 * answer becomes a proof sealed with the verification seal that verifies; delays move the deadline; returns
 * are refused after 30 minutes and can be re-addressed; illegal transitions, strangers and malformed requests
 * get clear errors; personal data stays out of the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class VerificationAnswersIT extends VerificationIT {
    @org.springframework.beans.factory.annotation.Autowired
    org.proofhub.hub.verification.internal.IdScanRetention retention;


    static Map<String, String> facts(String name) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("name", name);
        facts.put("householdAddress", "福建省福州市鼓楼区测试路8号");
        facts.put("registrationAuthority", "鼓楼派出所");
        return facts;
    }

    @Test
    void aConfirmedAnswerBecomesAVerificationSealProofThatVerifies() throws Exception {
        try (Department window = Department.answers(connectionFactory, "ZWFWZX")) {
            VerificationSubmission s = personRequest("GAJ");
            Submitted submitted = submit("window.agent", s);
            assertThat(submitted.status()).isEqualTo(RequestStatus.RECEIVED);
            assertThat(submitted.assignedAgent()).isEqualTo("gaj.agent");
            assertThat(submitted.dispatch()).isEqualTo(Submitted.Dispatch.SENT);
            assertThat(Duration.between(submitted.receivedAt(), submitted.deadline())).isEqualTo(Duration.ofMinutes(30));

            List<Map> inbox = rest.withBasicAuth("gaj.agent", PASSWORD).getForObject("/api/verification/inbox?awaitingAnswer=true", List.class);
            assertThat(inbox).anySatisfy(line -> assertThat(line).containsEntry("id", submitted.requestId())
                    .containsEntry("subjectMasked", s.subject().id().substring(0, 3) + "*".repeat(11) + s.subject().id().substring(14)));
            assertThat(inbox.toString()).doesNotContain(s.subject().id());

            assertThat(open("gaj.agent", submitted.requestId()).getBody()).containsEntry("status", "OPENED");
            ResponseEntity<Map> confirmed = answer("gaj.agent", submitted.requestId(), Answer.confirmed(facts("测试人")));
            assertThat(confirmed.getStatusCode().value()).isEqualTo(200);
            assertThat(confirmed.getBody()).containsEntry("status", "CONFIRMED").containsEntry("proofStatus", "SEALED")
                    .containsEntry("proofId", "EP-" + submitted.requestId()).containsEntry("supplementaryRequired", false);

            SealingProofIssuer.Issued proof = issuer.issued(submitted.requestId());
            SealVerification verification = issuer.verify(proof);
            assertThat(verification.valid()).as(verification.summary()).isTrue();
            assertThat(verification.isValidFor(SealPurpose.VERIFICATION)).isTrue();
            Map<String, Object> sealed = SealingProofIssuer.read(proof.content());
            assertThat(sealed).containsEntry("producingUnit", "GAJ").containsEntry("extractingUnit", "ZWFWZX")
                    .containsEntry("serviceItemCode", s.serviceItemCode()).containsEntry("applicationId", s.applicationId())
                    .containsEntry("confirmedBy", "gaj.agent").containsKey("extractionTime");
            assertThat((Map<String, Object>) sealed.get("facts")).containsEntry("householdAddress", "福建省福州市鼓楼区测试路8号");

            VerificationNoticeMessage answer = window.awaitNotice(n -> submitted.requestId().equals(n.getRequestId())
                    && n.getType() == NoticeType.CONFIRMED, WAIT.plusMillis(submitted.requestId().length()));
            assertThat(answer.getContent()).containsEntry("name", "测试人");
            assertThat(answer.getVerificationMillis()).isNotNull().isGreaterThanOrEqualTo(0L);
            VerificationNoticeMessage sealedNotice = window.awaitNotice(n -> submitted.requestId().equals(n.getRequestId())
                    && n.getType() == NoticeType.SEALED, WAIT);
            assertThat(sealedNotice.getProofId()).isEqualTo("EP-" + submitted.requestId());
        }
    }

    @Test
    void eachAnswerKindFromTheDepartmentsOwnSystemOverJms() throws Exception {
        try (Department scjgj = Department.requests(connectionFactory, "SCJGJ");
             Department window = Department.answers(connectionFactory, "ZWFWZX")) {
            Submitted toConfirm = submit("window.agent", commitmentRequest("SCJGJ", Duration.ofDays(5)));
            Submitted toDelay = submit("window.agent", commitmentRequest("SCJGJ", Duration.ofDays(5)));
            Submitted toReject = submit("window.agent", commitmentRequest("SCJGJ", Duration.ofDays(5)));
            Submitted toReturn = submit("window.agent", commitmentRequest("SCJGJ", Duration.ofDays(5)));

            VerificationRequestMessage m = scjgj.awaitRequest(toConfirm.requestId(), WAIT);
            assertThat(m.getIssuingUnit()).isEqualTo("SCJGJ");
            assertThat(m.getRequestingUnit()).isEqualTo("ZWFWZX");
            assertThat(m.getItemKind()).isEqualTo(ItemKind.COMMITMENT);
            assertThat(m.getItemPromisedLimitMinutes()).isEqualTo(5 * 24 * 60L);
            assertThat(m.getSubjectType()).isEqualTo(SubjectType.ORGANISATION);
            assertThat(m.getQueryLetter()).contains("核实");
            assertThat(m.getDeadline()).isEqualTo(m.getReceivedAt().plus(Duration.ofHours(24)));
            assertThat(m.getReplyTo()).isEqualTo(VerificationAddresses.REPLIES);
            VerificationReplyMessage confirm = scjgj.replyTo(toConfirm.requestId(), ReplyKind.CONFIRMED)
                    .setContent(Map.of("name", "福州测试有限公司", "status", "存续")).build();
            scjgj.reply(confirm);

            scjgj.awaitRequest(toDelay.requestId(), WAIT);
            Instant later = toDelay.receivedAt().plus(Duration.ofHours(30)).truncatedTo(ChronoUnit.MILLIS);
            scjgj.reply(scjgj.replyTo(toDelay.requestId(), ReplyKind.DELAYED).setReason("需调取纸质档案").setNewDeadline(later).build());

            scjgj.awaitRequest(toReject.requestId(), WAIT);
            scjgj.reply(scjgj.replyTo(toReject.requestId(), ReplyKind.REJECTED).setReason("查询函未说明用途").build());

            scjgj.awaitRequest(toReturn.requestId(), WAIT);
            scjgj.reply(scjgj.replyTo(toReturn.requestId(), ReplyKind.RETURNED).setReason("不属本单位职责").setSuggestedUnit("FGW").build());

            await().atMost(WAIT).until(() -> "SEALED".equals(detail("window.agent", toConfirm.requestId()).proofStatus()));
            RequestDetail delayed = await().atMost(WAIT).until(() -> detail("window.agent", toDelay.requestId()),
                    d -> d.status() == RequestStatus.DELAYED);
            assertThat(delayed.deadline()).isEqualTo(later);
            assertThat(delayed.firstDeadline()).isEqualTo(toDelay.deadline());
            assertThat(delayed.answerReason()).isEqualTo("需调取纸质档案");
            assertThat(hub.queryForObject("select due_at from verification_deadline where request_id = ? and kind = 'DEADLINE' and state = 'PENDING'",
                    java.sql.Timestamp.class, toDelay.requestId()).toInstant()).isEqualTo(later);
            RequestDetail rejected = await().atMost(WAIT).until(() -> detail("window.agent", toReject.requestId()),
                    d -> d.status() == RequestStatus.REJECTED);
            assertThat(rejected.answerChannel()).isEqualTo("JMS");
            assertThat(rejected.answeredBy()).isEqualTo("scjgj.system-user");
            RequestDetail returned = await().atMost(WAIT).until(() -> detail("window.agent", toReturn.requestId()),
                    d -> d.status() == RequestStatus.RETURNED);
            assertThat(returned.suggestedUnit()).isEqualTo("FGW");

            // the requesting unit's system sees each answer as it arrives
            List<String> ours = List.of(toConfirm.requestId(), toDelay.requestId(), toReject.requestId(), toReturn.requestId());
            List<VerificationNoticeMessage> notices = window.awaitNotices(x -> ours.contains(x.getRequestId()), 5, WAIT);
            assertThat(notices).extracting(VerificationNoticeMessage::getType).containsExactlyInAnyOrder(NoticeType.CONFIRMED,
                    NoticeType.SEALED, NoticeType.DELAYED, NoticeType.REJECTED, NoticeType.RETURNED);
            assertThat(notices).allSatisfy(n -> assertThat(n.getIssuingUnit()).isEqualTo("SCJGJ"));
            assertThat(notices).filteredOn(n -> n.getType() == NoticeType.DELAYED).singleElement()
                    .satisfies(n -> assertThat(n.getDeadline()).isEqualTo(later));

            // a redelivered reply changes nothing; a reply from another unit is refused and recorded
            scjgj.reply(confirm);
            await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> events(toConfirm.requestId()).stream()
                    .filter("CONFIRMED"::equals).count() == 1);
            try (Department fgw = Department.requests(connectionFactory, "FGW")) {
                fgw.reply(fgw.replyTo(toDelay.requestId(), ReplyKind.REJECTED).setReason("冒名").build());
            }
            await().atMost(WAIT).until(() -> count("select count(*) from verification_reply where request_id = ? and not accepted",
                    toDelay.requestId()) == 1);
            assertThat(hub.queryForObject("select problem from verification_reply where request_id = ? and not accepted", String.class,
                    toDelay.requestId())).contains("comes from FGW").contains("sent to SCJGJ");
            assertThat(detail("window.agent", toDelay.requestId()).status()).isEqualTo(RequestStatus.DELAYED);
            assertThat(count("select count(*) from verification_reply where reply_id = ?", confirm.getReplyId())).isEqualTo(1);
            assertThat(events(toConfirm.requestId())).containsOnlyOnce("CONFIRMED", "SEALED");

            // the returned request goes to the suggested unit as a new request
            ResponseEntity<Submitted> again = rest.withBasicAuth("window.agent", PASSWORD).postForEntity(
                    "/api/verification/requests/" + toReturn.requestId() + "/readdress", Map.of(), Submitted.class);
            assertThat(again.getStatusCode().value()).isEqualTo(201);
            assertThat(again.getBody().issuingUnit()).isEqualTo("FGW");
            assertThat(detail("window.agent", toReturn.requestId()).readdressedTo()).isEqualTo(again.getBody().requestId());
            assertThat(detail("fgw.agent", again.getBody().requestId()).readdressedFrom()).isEqualTo(toReturn.requestId());
            assertThat(rest.withBasicAuth("window.agent", PASSWORD).postForEntity("/api/verification/requests/" + toReturn.requestId()
                    + "/readdress", Map.of(), Map.class).getStatusCode().value()).isEqualTo(409);
        }
    }

    @Test
    void aReturnIsAcceptedWithinThirtyMinutesOfReceiptAndRefusedAfter() {
        Submitted early = submit("window.agent", personRequest("GAJ"));
        Submitted late = submit("window.agent", personRequest("GAJ"));
        clock.advance(Duration.ofMinutes(29));
        assertThat(answer("gaj.agent", early.requestId(), Answer.returned("户籍不在本市", "MZJ")).getBody()).containsEntry("status", "RETURNED");

        clock.advance(Duration.ofMinutes(2));
        ResponseEntity<Map> refused = answer("gaj.agent", late.requestId(), Answer.returned("户籍不在本市", "MZJ"));
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody().get("type").toString()).endsWith("verification-return-window-closed");
        assertThat(refused.getBody().get("detail").toString()).contains("within 30 minutes of receipt").contains(late.requestId());
        assertThat(detail("gaj.agent", late.requestId()).status()).isEqualTo(RequestStatus.RECEIVED);
        answer("gaj.agent", late.requestId(), Answer.rejected("不属本单位职责"));
    }

    @Test
    void illegalTransitionsAndIncompleteAnswersGetClearErrors() {
        Submitted s = submit("window.agent", personRequest("GAJ"));
        assertThat(answer("gaj.agent", s.requestId(), Answer.confirmed(Map.of())).getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map> noReason = answer("gaj.agent", s.requestId(), Answer.rejected(" "));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(noReason.getBody().get("detail").toString()).contains("gives the reason");
        ResponseEntity<Map> noTime = answer("gaj.agent", s.requestId(), new Answer(ReplyKind.DELAYED, null, "档案外调", null, null));
        assertThat(noTime.getBody().get("detail").toString()).contains("newDeadline");
        ResponseEntity<Map> noSuggestion = answer("gaj.agent", s.requestId(), new Answer(ReplyKind.RETURNED, null, "非本单位", null, null));
        assertThat(noSuggestion.getBody().get("detail").toString()).contains("suggestedUnit");

        answer("gaj.agent", s.requestId(), Answer.confirmed(facts("测试人")));
        ResponseEntity<Map> again = answer("gaj.supervisor", s.requestId(), Answer.rejected("重复"));
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).containsEntry("status", "CONFIRMED").containsEntry("attempted", "REJECTED");
        assertThat(again.getBody().get("detail").toString()).contains("is CONFIRMED").contains(s.requestId());
        assertThat(answer("gaj.agent", s.requestId(), Answer.delayed("晚些", Instant.now().plus(Duration.ofHours(1)))).getStatusCode().value())
                .isEqualTo(409);
        assertThat(events(s.requestId())).containsOnlyOnce("CONFIRMED");
    }

    @Test
    void onlyTheTwoUnitsSeeARequestAndEveryReadOfItsPersonalDataIsAudited() {
        Submitted s = submit("window.agent", personRequest("GAJ"));
        assertThat(open("fgw.agent", s.requestId()).getStatusCode().value()).isEqualTo(404);
        assertThat(answer("fgw.agent", s.requestId(), Answer.rejected("x")).getStatusCode().value()).isEqualTo(404);
        assertThat(rest.withBasicAuth("fgw.agent", PASSWORD).getForEntity("/api/verification/requests/" + s.requestId(), Map.class)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(answer("window.agent", s.requestId(), Answer.rejected("x")).getStatusCode().value()).isEqualTo(403);
        assertThat(rest.withBasicAuth("ops", PASSWORD).getForEntity("/api/verification/requests/" + s.requestId(), Map.class)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(rest.withBasicAuth("gaj.agent", PASSWORD).postForEntity("/api/verification/requests", personRequest("FGW"), Map.class)
                .getStatusCode().value()).isEqualTo(201);
        assertThat(rest.withBasicAuth("gaj.supervisor", PASSWORD).postForEntity("/api/verification/requests", personRequest("FGW"), Map.class)
                .getStatusCode().value()).isEqualTo(403);
        List<Map> fgwInbox = rest.withBasicAuth("fgw.agent", PASSWORD).getForObject("/api/verification/inbox", List.class);
        assertThat(fgwInbox).noneSatisfy(line -> assertThat(line.get("id")).isEqualTo(s.requestId()));

        auditChained();
        long before = count("select count(*) from audit_log where action = 'VERIFICATION_REQUEST_READ' and actor = 'gaj.agent'");
        RequestDetail d = detail("gaj.agent", s.requestId());
        assertThat(d.subjectId()).hasSize(18);
        auditChained();
        assertThat(count("select count(*) from audit_log where action = 'VERIFICATION_REQUEST_READ' and actor = 'gaj.agent'")).isEqualTo(before + 1);
        Map<String, Object> entry = hub.queryForMap("""
                select unit_code, subject_hash, purpose from audit_log where action = 'VERIFICATION_REQUEST_READ' and actor = 'gaj.agent'
                order by seq desc limit 1""");
        assertThat(entry).containsEntry("unit_code", "GAJ").containsEntry("purpose", "department verification " + s.requestId());
        assertThat(entry.get("subject_hash").toString()).hasSize(64).isNotEqualTo(d.subjectId());
        answer("gaj.agent", s.requestId(), Answer.rejected("测试结束"));
    }

    @Test
    void confirmedFactsThatDifferFromTheDeclarationFlagTheApplicationAndTheIssuingUnitPrevails() throws Exception {
        VerificationSubmission s = personRequest("GAJ");
        Submitted submitted = submit("window.agent", s);
        ResponseEntity<Map> r = answer("gaj.agent", submitted.requestId(), Answer.confirmed(facts("测试仁")));
        assertThat(r.getBody()).containsEntry("supplementaryRequired", true);
        RequestDetail d = detail("window.agent", submitted.requestId());
        assertThat(d.discrepantFields()).containsExactly("name");
        assertThat(d.declared()).containsEntry("name", "测试人");
        assertThat(d.content()).containsEntry("name", "测试仁");
        assertThat(events(submitted.requestId())).contains("DISCREPANCY");
        Map<String, Object> facts = (Map<String, Object>) SealingProofIssuer.read(issuer.issued(submitted.requestId()).content()).get("facts");
        assertThat(facts).containsEntry("name", "测试仁");
        try (Department window = Department.answers(connectionFactory, "ZWFWZX")) {
            VerificationNoticeMessage n = window.awaitNotice(x -> submitted.requestId().equals(x.getRequestId()) && x.getType() == NoticeType.CONFIRMED, WAIT);
            assertThat(n.getDiscrepantFields()).containsExactly("name");
        }
    }

    @Test
    void malformedRequestsAreRefusedWithTheReason() throws Exception {
        VerificationSubmission ok = personRequest("GAJ");
        String badId = ok.subject().id().substring(0, 17) + (ok.subject().id().charAt(17) == '1' ? '2' : '1');
        ResponseEntity<Map> badCheck = post(withSubject(ok, new VerificationSubmission.Subject(SubjectType.PERSON, badId, "测试人")));
        assertThat(badCheck.getStatusCode().value()).isEqualTo(400);
        assertThat(badCheck.getBody().get("detail").toString()).contains("check character").doesNotContain(badId);
        assertThat(post(withSubject(ok, new VerificationSubmission.Subject(SubjectType.PERSON, ok.subject().id(), null)))
                .getBody().get("detail").toString()).contains("subject.name");
        assertThat(post(new VerificationSubmission("X", "A", ItemKind.COMMITMENT, null, "p", false, "GAJ", ok.subject(), "q", null, null))
                .getBody().get("detail").toString()).contains("promised time limit");
        assertThat(post(new VerificationSubmission("X", "A", ItemKind.INSTANT, null, "", false, "GAJ", ok.subject(), "q", null, null))
                .getBody().get("detail").toString()).contains("proofType");
        assertThat(post(new VerificationSubmission("X", "A", ItemKind.INSTANT, null, "p", false, "NOPE", ok.subject(), "q", null, null))
                .getStatusCode().value()).isEqualTo(422);
        assertThat(post(new VerificationSubmission("X", "A", ItemKind.INSTANT, null, "p", false, "ZWFWZX", ok.subject(), "q", null, null))
                .getStatusCode().value()).isEqualTo(422);
        assertThat(post(new VerificationSubmission("X", "A", ItemKind.INSTANT, null, "p", false, "SJJ", ok.subject(), "q", null, null))
                .getBody().get("detail").toString()).contains("no verification roster");

        byte[] png = png(1_000);
        assertThat(post(withScan(ok, new VerificationSubmission.IdScan("image/gif", png))).getBody().get("detail").toString())
                .contains("image/gif").contains("not accepted");
        assertThat(post(withScan(ok, new VerificationSubmission.IdScan("image/jpeg", png))).getBody().get("detail").toString())
                .contains("not a image/jpeg file");
        assertThat(post(withScan(ok, new VerificationSubmission.IdScan("image/png", png(3 * 1024 * 1024)))).getBody().get("detail").toString())
                .contains("at most 2097152");

        ResponseEntity<Map> withScan = post(withScan(ok, new VerificationSubmission.IdScan("image/png", png)));
        assertThat(withScan.getStatusCode().value()).isEqualTo(201);
        String id = withScan.getBody().get("requestId").toString();
        ResponseEntity<byte[]> scan = rest.withBasicAuth("gaj.agent", PASSWORD).getForEntity("/api/verification/requests/" + id + "/id-scan", byte[].class);
        assertThat(scan.getHeaders().getContentType().toString()).isEqualTo("image/png");
        assertThat(scan.getBody()).isEqualTo(png);
        auditChained();
        assertThat(count("select count(*) from audit_log where action = 'VERIFICATION_ID_SCAN_READ' and actor = 'gaj.agent'")).isPositive();
        assertThat(detail("gaj.agent", id).idScan()).isEqualTo("image/png, 1000 bytes");
        // an image of an ID card is sensitive personal information: encrypted at rest, its digest that of the image
        assertThat(hub.queryForObject("select encrypted from verification_attachment where request_id = ?", Boolean.class, id)).isTrue();
        byte[] stored = hub.queryForObject("select content from verification_attachment where request_id = ?", byte[].class, id);
        assertThat(stored).isNotEqualTo(png);
        assertThat(java.util.HexFormat.of().formatHex(stored)).doesNotContain(java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(png, 16)));
        assertThat(hub.queryForObject("select sha256 from verification_attachment where request_id = ?", String.class, id))
                .isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(png)));
        answer("gaj.agent", id, Answer.rejected("测试结束"));

        // kept for the retention period after the answer, then deleted: type, size and digest stay, a read says when
        assertThat(retention.purge()).as("answered just now").isZero();
        hub.update("update verification_request set answered_at = answered_at - interval '31 days' where id = ?", id);
        assertThat(retention.purge()).isEqualTo(1);
        assertThat(hub.queryForObject("select content is null and purged_at is not null from verification_attachment where request_id = ?",
                Boolean.class, id)).isTrue();
        ResponseEntity<Map> gone = rest.withBasicAuth("gaj.agent", PASSWORD).getForEntity("/api/verification/requests/" + id + "/id-scan", Map.class);
        assertThat(gone.getStatusCode().value()).isEqualTo(410);
        assertThat(gone.getBody().get("detail").toString()).contains("was deleted").contains("30 days after the request was answered");
        assertThat(detail("gaj.agent", id).idScan()).startsWith("image/png, 1000 bytes, deleted ");
        assertThat(retention.purge()).as("once").isZero();
        await().atMost(WAIT).until(() -> count("select count(*) from audit_log where action = 'ID_SCANS_DELETED' and detail like '%" + id + "%'") == 1);
    }

    @Test
    void aSealThatFailsIsRetriedByItsTimer() {
        Submitted s = submit("window.agent", personRequest("GAJ"));
        issuer.failNext(new IllegalStateException("sealing service unavailable"));
        assertThat(answer("gaj.agent", s.requestId(), Answer.confirmed(facts("测试人"))).getBody()).containsEntry("proofStatus", "PENDING");
        assertThat(events(s.requestId())).contains("SEAL_FAILED").doesNotContain("SEALED");
        advance(Duration.ofSeconds(2));
        assertThat(detail("window.agent", s.requestId()).proofStatus()).isEqualTo("SEALED");
        assertThat(issuer.verify(issuer.issued(s.requestId())).valid()).isTrue();
    }

    @Test
    void personalDataOfRequestsNeverReachesTheLog(CapturedOutput output) throws Exception {
        VerificationSubmission s = personRequest("GAJ");
        Submitted submitted = submit("window.agent", s);
        // paths that log: a refused JMS reply, a request to a unit without anyone on duty is covered elsewhere
        try (Department fgw = Department.requests(connectionFactory, "FGW")) {
            fgw.reply(fgw.replyTo(submitted.requestId(), ReplyKind.CONFIRMED).setContent(Map.of("id", s.subject().id())).build());
        }
        await().atMost(WAIT).until(() -> count("select count(*) from verification_reply where request_id = ? and not accepted",
                submitted.requestId()) == 1);
        answer("gaj.agent", submitted.requestId(), Answer.confirmed(Map.of("name", s.subject().name(), "citizenId", s.subject().id())));
        detail("window.agent", submitted.requestId());
        assertThat(output.getAll()).isNotEmpty().doesNotContain(s.subject().id()).doesNotContain(s.subject().name());
    }

    private ResponseEntity<Map> post(VerificationSubmission s) {
        return rest.withBasicAuth("window.agent", PASSWORD).postForEntity("/api/verification/requests", s, Map.class);
    }

    private static VerificationSubmission withSubject(VerificationSubmission s, VerificationSubmission.Subject subject) {
        return new VerificationSubmission(s.serviceItemCode(), s.applicationId(), s.itemKind(), s.itemPromisedLimit(), s.proofType(),
                s.dataBacked(), s.issuingUnit(), subject, s.queryLetter(), s.idScan(), s.declared());
    }

    private static VerificationSubmission withScan(VerificationSubmission s, VerificationSubmission.IdScan scan) {
        return new VerificationSubmission(s.serviceItemCode(), "APP-" + TestData.next(), s.itemKind(), s.itemPromisedLimit(), s.proofType(),
                s.dataBacked(), s.issuingUnit(), s.subject(), s.queryLetter(), scan, s.declared());
    }

    private static byte[] png(int size) {
        byte[] b = new byte[size];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(magic, 0, b, 0, magic.length);
        return b;
    }
}
