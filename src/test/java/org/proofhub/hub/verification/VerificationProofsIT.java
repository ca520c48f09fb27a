package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.Prometheus;
import org.proofhub.hub.support.RatingReports;
import org.proofhub.hub.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Department verification as the hub runs it by default: the published certificate-free list decides which
 * requests are accepted and how they are timed, and a confirmed answer becomes an e-proof in the proof
 * archive, sealed with the issuing unit's verification seal, which verifies like any proof and can be rated.
 */
class VerificationProofsIT extends HubIT {
    static final String PASSWORD = "hub-demo";
    /** 困难残疾人生活补贴申领: a commitment item (P15D) whose 亲属关系证明 the list obtains from MZJ by department verification. */
    static final String ITEM = "350100-MZ-0004";
    static final String ISSUED = "hub_proofs_issued_total";
    static final String VERIFIED = "hub_proofs_verified_total";
    static final String KINSHIP = "type=\"kinship\"";
    static final String BY_VERIFICATION = "method=\"DEPARTMENT_VERIFICATION\"";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    VerificationProofIssuer issuer;

    static VerificationSubmission kinship(String item, ItemKind kind, Duration promised, String proofType) {
        return new VerificationSubmission(item, "APP-" + TestData.next(), kind, promised, proofType, false, "MZJ",
                new VerificationSubmission.Subject(SubjectType.PERSON, TestData.citizenId(), "林秀珍"),
                "请核实申请人与其父林建华的亲属关系。", null, Map.of("relation", "父女"));
    }

    ResponseEntity<Map> submit(VerificationSubmission s) {
        return rest.withBasicAuth("window.agent", PASSWORD).postForEntity("/api/verification/requests", s, Map.class);
    }

    @Test
    void theListDecidesWhichRequestsAreAcceptedAndTheirTerms() {
        ResponseEntity<Map> accepted = submit(kinship(ITEM, null, null, "kinship"));
        assertThat(accepted.getStatusCode().value()).as("%s", accepted.getBody()).isEqualTo(201);
        String id = (String) accepted.getBody().get("requestId");
        RequestDetail d = rest.withBasicAuth("window.agent", PASSWORD).getForObject("/api/verification/requests/" + id, RequestDetail.class);
        // the list's terms, not the request's: a commitment item promising 15 days is due within 24 hours
        assertThat(d.itemKind()).isEqualTo(ItemKind.COMMITMENT);
        assertThat(d.itemPromisedLimit()).isEqualTo(Duration.ofDays(15));
        assertThat(Duration.between(d.receivedAt(), d.deadline())).isEqualTo(Duration.ofHours(24));

        ResponseEntity<Map> notListed = submit(kinship("350100-XX-9999", null, null, "kinship"));
        assertThat(notListed.getStatusCode().value()).isEqualTo(404);
        assertThat(notListed.getBody().get("type").toString()).endsWith("item-not-on-list");

        // the list obtains 户籍证明 for this item by data query: verification is the wrong method
        ResponseEntity<Map> dataQuery = submit(kinship(ITEM, null, null, "household-registration"));
        assertThat(dataQuery.getStatusCode().value()).isEqualTo(409);
        assertThat(dataQuery.getBody().get("detail").toString()).contains("DATA_QUERY");

        ResponseEntity<Map> wrongKind = submit(kinship(ITEM, ItemKind.INSTANT, null, "kinship"));
        assertThat(wrongKind.getStatusCode().value()).isEqualTo(422);
        assertThat(wrongKind.getBody().get("detail").toString()).contains("COMMITMENT", "INSTANT");

        ResponseEntity<Map> wrongLimit = submit(kinship(ITEM, ItemKind.COMMITMENT, Duration.ofDays(3), "kinship"));
        assertThat(wrongLimit.getStatusCode().value()).isEqualTo(422);
        assertThat(wrongLimit.getBody().get("detail").toString()).contains("P15D");

        // the list names the civil affairs bureau as the issuer: another unit is refused ...
        VerificationSubmission toGaj = kinship(ITEM, null, null, "kinship");
        toGaj = new VerificationSubmission(toGaj.serviceItemCode(), toGaj.applicationId(), null, null, toGaj.proofType(), false, "GAJ",
                toGaj.subject(), toGaj.queryLetter(), null, toGaj.declared());
        ResponseEntity<Map> wrongUnit = submit(toGaj);
        assertThat(wrongUnit.getStatusCode().value()).isEqualTo(422);
        assertThat(wrongUnit.getBody().get("type").toString()).endsWith("verification-issuing-unit-mismatch");
        assertThat(wrongUnit.getBody()).containsEntry("listedIssuingUnit", "MZJ");
        // ... unless the listed unit returned it and suggested that one
        ResponseEntity<Map> returned = rest.withBasicAuth("mzj.agent", PASSWORD).postForEntity("/api/verification/requests/" + id + "/answer",
                Answer.returned("申请人户籍不在本区，亲属关系由公安局核实", "GAJ"), Map.class);
        assertThat(returned.getStatusCode().is2xxSuccessful()).as("%s", returned.getBody()).isTrue();
        ResponseEntity<Map> readdressed = rest.withBasicAuth("window.agent", PASSWORD).postForEntity("/api/verification/requests/" + id + "/readdress",
                Map.of("unit", "GAJ"), Map.class);
        assertThat(readdressed.getStatusCode().value()).as("%s", readdressed.getBody()).isEqualTo(201);
        assertThat(readdressed.getBody()).containsEntry("issuingUnit", "GAJ");
    }

    @Test
    void aConfirmedAnswerBecomesAVerificationSealedProofInTheArchiveThatVerifiesAndCanBeRated() throws Exception {
        ResponseEntity<Map> accepted = submit(kinship(ITEM, ItemKind.COMMITMENT, Duration.ofDays(15), "kinship"));
        assertThat(accepted.getStatusCode().value()).as("%s", accepted.getBody()).isEqualTo(201);
        String id = (String) accepted.getBody().get("requestId");
        Prometheus before = Prometheus.scrape(rest);

        // not handled yet: nothing to rate
        ResponseEntity<Map> early = rest.withBasicAuth("window.agent", PASSWORD).postForEntity("/api/ratings",
                Map.of("targetType", "VERIFICATION", "targetId", id, "score", 5), Map.class);
        assertThat(early.getStatusCode().value()).as("%s", early.getBody()).isGreaterThanOrEqualTo(400);

        ResponseEntity<Map> answered = rest.withBasicAuth("mzj.agent", PASSWORD).postForEntity("/api/verification/requests/" + id + "/answer",
                Answer.confirmed(Map.of("relation", "父女", "father", "林建华")), Map.class);
        assertThat(answered.getStatusCode().is2xxSuccessful()).as("%s", answered.getBody()).isTrue();

        RequestDetail sealed = await().atMost(Duration.ofSeconds(30)).until(
                () -> rest.withBasicAuth("window.agent", PASSWORD).getForObject("/api/verification/requests/" + id, RequestDetail.class),
                r -> "SEALED".equals(r.proofStatus()));
        String proofId = sealed.proofId();
        assertThat(proofId).startsWith("EP-");
        assertThat(hub.queryForObject("select count(*) from eproof where verification_request_id = ? and method = 'DEPARTMENT_VERIFICATION'",
                Long.class, id)).isEqualTo(1);
        // operators count it with the data-query proofs, told apart by method
        assertThat(Prometheus.scrape(rest).value(ISSUED, KINSHIP, BY_VERIFICATION))
                .isEqualTo(before.value(ISSUED, KINSHIP, BY_VERIFICATION) + 1);

        // the requesting unit reads it as any proof; it names MZJ as producing unit and carries MZJ's verification seal
        Map proof = rest.withBasicAuth("window.agent", PASSWORD).getForObject("/api/proofs/" + proofId + "?purpose=办理困难残疾人生活补贴", Map.class);
        Map content = (Map) proof.get("content");
        assertThat(((Map) ((Map) content.get("annotation")).get("producingUnit")).get("code")).isEqualTo("MZJ");
        assertThat(((Map) ((Map) content.get("annotation")).get("extractingUnit")).get("code")).isEqualTo("ZWFWZX");
        assertThat(((Map) content.get("seal")).get("purpose")).isEqualTo("VERIFICATION");
        assertThat(((Map) content.get("seal")).get("unit")).isEqualTo("MZJ");
        assertThat(content.get("method")).isEqualTo("DEPARTMENT_VERIFICATION");
        assertThat(content.toString()).contains("林建华");
        // the facts the proof type lists come first under its labels; one it does not list follows under its own name
        List<Map> facts = (List<Map>) content.get("facts");
        assertThat(facts).extracting(f -> f.get("key") + "=" + f.get("label") + ":" + f.get("display"))
                .containsExactly("relation=亲属关系:父女", "father=father:林建华");

        // anyone verifies it: seal, chain, purpose (a verification seal for a verification proof), time-stamp
        Map report = rest.postForObject("/api/public/proofs/verify", Map.of(
                "contentBase64", Base64.getEncoder().encodeToString(hub.queryForObject("select content from eproof where proof_id = ?", byte[].class, proofId)),
                "signature", proof.get("signature"), "serviceItemCode", ITEM, "applicationId", sealed.applicationId()), Map.class);
        assertThat(report.get("valid")).as("%s", report).isEqualTo(true);
        assertThat(report.get("method")).isEqualTo("DEPARTMENT_VERIFICATION");

        // presented for another application: out of purpose
        Map otherPurpose = rest.postForObject("/api/public/proofs/verify", Map.of(
                "contentBase64", Base64.getEncoder().encodeToString(hub.queryForObject("select content from eproof where proof_id = ?", byte[].class, proofId)),
                "signature", proof.get("signature"), "serviceItemCode", ITEM, "applicationId", "APP-OTHER"), Map.class);
        assertThat(otherPurpose.get("valid")).isEqualTo(false);
        Prometheus verified = Prometheus.scrape(rest);
        assertThat(verified.value(VERIFIED, "valid=\"true\"")).isEqualTo(before.value(VERIFIED, "valid=\"true\"") + 1);
        assertThat(verified.value(VERIFIED, "valid=\"false\"")).isEqualTo(before.value(VERIFIED, "valid=\"false\"") + 1);

        // the printed proof carries the verification seal and verifies as PDF too
        byte[] pdf = rest.withBasicAuth("window.agent", PASSWORD).getForObject("/api/proofs/" + proofId + "/pdf", byte[].class);
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_PDF);
        Map pdfReport = rest.postForEntity("/api/public/proofs/verify-pdf", new HttpEntity<>(pdf, h), Map.class).getBody();
        assertThat(pdfReport.get("valid")).as("%s", pdfReport).isEqualTo(true);

        // issuing twice for one request (a retry after a crash) gives the same proof
        IssuedProof again = issuer.issue(new ConfirmedVerification(id, ITEM, sealed.applicationId(), "kinship", SubjectType.PERSON,
                sealed.subjectId(), sealed.subjectName(), sealed.content(), "MZJ", "ZWFWZX", sealed.answeredBy(), sealed.answeredAt()));
        assertThat(again.proofId()).isEqualTo(proofId);
        assertThat(hub.queryForObject("select count(*) from eproof where verification_request_id = ?", Long.class, id)).isEqualTo(1);
        assertThat(Prometheus.scrape(rest).value(ISSUED, KINSHIP, BY_VERIFICATION)).as("counted once")
                .isEqualTo(before.value(ISSUED, KINSHIP, BY_VERIFICATION) + 1);
        // issued once in the audit trail (the retry added nothing): by the answering agent of the producing unit, whose (keyed hash), which proof
        String subjectHash = hub.queryForObject("select subject_hash from eproof where proof_id = ?", String.class, proofId);
        List<Map<String, Object>> issued = await().atMost(Duration.ofSeconds(10)).until(() -> (List<Map<String, Object>>) rest.withBasicAuth("auditor", PASSWORD)
                .postForObject("/api/audit/entries/search", Map.of("subject", sealed.subjectId(), "action", "PROOF_ISSUED"), Map.class)
                .get("entries"), l -> !l.isEmpty());
        assertThat(issued).extracting(e -> e.get("action") + "|" + e.get("actor") + "|" + e.get("unit") + "|" + e.get("subjectHash") + "|" + e.get("purpose"))
                .containsExactly("PROOF_ISSUED|mzj.agent|MZJ|" + subjectHash + "|部门核验");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree((String) issued.get(0).get("detail")))
                .isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(Map.of("proofId", proofId, "request", id, "method", "DEPARTMENT_VERIFICATION")));

        // handled: the applicant rates the issuing unit's service, reported for that unit and the item as a verification
        RatingReports.Snapshot ratingsBefore = RatingReports.snapshot(rest);
        ResponseEntity<Map> rated = rest.withBasicAuth("window.agent", PASSWORD).postForEntity("/api/ratings",
                Map.of("targetType", "VERIFICATION", "targetId", id, "score", 4), Map.class);
        assertThat(rated.getStatusCode().value()).as("%s", rated.getBody()).isEqualTo(201);
        assertThat(rated.getBody()).containsEntry("unitCode", "MZJ").containsEntry("serviceItemCode", ITEM);
        assertThat(hub.queryForObject("select unit_code from service_rating where target_id = ?", String.class, id)).isEqualTo("MZJ");
        RatingReports.Snapshot ratingsAfter = RatingReports.snapshot(rest);
        List<RatingReports.Given> verification = List.of(new RatingReports.Given("VERIFICATION", 4));
        RatingReports.assertAdded(ratingsBefore.unit(), ratingsAfter.unit(), "MZJ", verification);
        RatingReports.assertAdded(ratingsBefore.item(), ratingsAfter.item(), ITEM, verification);
        RatingReports.assertAdded(ratingsBefore.unit(), ratingsAfter.unit(), "ZWFWZX", List.of());
    }
}
