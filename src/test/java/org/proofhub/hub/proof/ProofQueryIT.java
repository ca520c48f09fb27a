package org.proofhub.hub.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.support.Demo;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** A window agent's data query over HTTP becomes a sealed, annotated, purpose-bound e-proof; refusals say why. */
class ProofQueryIT extends HubIT {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    DemoDepartments departments;
    @Autowired
    CanonicalRecords records;
    @Autowired
    JdbcTemplate hub;
    Demo demo;

    @BeforeEach
    void demo() {
        demo = new Demo(departments, records);
    }

    ResponseEntity<Map> query(Map<String, Object> body) {
        return rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/proofs/queries", new HttpEntity<>(body), Map.class);
    }

    static Map<String, Object> q(String item, String type, String app, Map<String, Object> subject) {
        return Map.of("serviceItemCode", item, "proofType", type, "applicationId", app, "purpose", "办理" + item, "subject", subject);
    }

    Map<String, Object> verify(Map<?, ?> proof) {
        return rest.postForEntity("/api/public/proofs/verify", Map.of("content", new String(Json.bytes(proof.get("content"))),
                "signature", proof.get("signature")), Map.class).getBody();
    }

    @Test
    void eachProofTypeIsIssuedAndVerifies() {
        String[] person = demo.person(3);
        String[] company = demo.enterprise(2);
        List<Map<String, Object>> queries = List.of(
                q("350100-MZ-0001", "household-registration", "APP-H-1", Map.of("name", person[0], "citizenId", person[1])),
                q("350100-SC-0003", "registration-status", "APP-R-1", Map.of("uscc", company[1], "name", company[0])),
                q("350100-MZ-0001", "credit-status", "APP-C-1", Map.of("name", person[0], "citizenId", person[1])),
                new java.util.HashMap<>(Map.of("serviceItemCode", "350100-SC-0003", "proofType", "licence-validity", "applicationId", "APP-L-1",
                        "purpose", "食品经营许可证核发：核验营业执照", "subject", Map.of("uscc", company[1]), "select", company[2])));
        for (Map<String, Object> body : queries) {
            ResponseEntity<Map> r = query(body);
            assertThat(r.getStatusCode().value()).as("%s → %s", body.get("proofType"), r.getBody()).isEqualTo(201);
            // the answer is sent in one piece with its length (SizedJsonConverter), not as chunks
            assertThat(r.getHeaders().getContentLength()).isPositive();
            assertThat(r.getHeaders().getFirst("Transfer-Encoding")).isNull();
            Map<String, Object> content = (Map<String, Object>) r.getBody().get("content");
            assertThat(content).containsEntry("proofType", body.get("proofType")).containsEntry("applicationId", body.get("applicationId"))
                    .containsKeys("facts", "statement", "issuedAt", "validUntil", "seal", "lineage", "usage");
            Map<String, Object> annotation = (Map<String, Object>) content.get("annotation");
            assertThat(((Map<String, Object>) annotation.get("extractingUnit")).get("code")).isEqualTo("ZWFWZX");
            assertThat(((Map<String, Object>) annotation.get("producingUnit")).get("name")).isIn("市公安局", "市市场监督管理局",
                    "市发展和改革委员会", "市大数据局");
            assertThat(annotation).containsKey("extractionTime");
            assertThat(((Map<String, Object>) content.get("seal")).get("purpose")).isEqualTo("DATA_SHARING");
            Map<String, Object> check = verify(r.getBody());
            assertThat(check.get("valid")).as("%s", check).isEqualTo(true);
        }
        // minimum necessary: the household proof states only its type's facts
        Map<String, Object> household = (Map<String, Object>) query(queries.get(0)).getBody().get("content");
        assertThat((List<Map<String, Object>>) household.get("facts")).extracting(f -> f.get("key"))
                .containsExactly("name", "citizenId", "sex", "birthDate", "householdAddress", "householdNumber", "householdRelation",
                        "registrationAuthority", "status");
        assertThat(household.get("statement").toString()).contains(person[0]).contains("户籍登记地址为");
    }

    @Test
    void refusalsSayWhyAndLeakNothing() {
        String[] person = demo.person(5);
        ResponseEntity<Map> mismatch = query(q("350100-MZ-0001", "household-registration", "APP-X-1",
                Map.of("name", "张冒名", "citizenId", person[1])));
        assertThat(mismatch.getStatusCode().value()).isEqualTo(422);
        assertThat(mismatch.getBody().get("detail").toString()).contains("does not match").doesNotContain(person[0]);

        ResponseEntity<Map> none = query(q("350100-MZ-0001", "household-registration", "APP-X-2",
                Map.of("name", "无此人", "citizenId", TestData.citizenId())));
        assertThat(none.getStatusCode().value()).isEqualTo(404);
        assertThat(none.getBody().get("detail").toString()).contains("department verification");
        assertThat(none.getBody().get("next")).isEqualTo("department-verification");

        ResponseEntity<Map> method = query(q("350100-JY-0001", "no-criminal-record", "APP-X-3",
                Map.of("name", person[0], "citizenId", person[1])));
        assertThat(method.getStatusCode().value()).isEqualTo(409);
        assertThat(method.getBody().get("detail").toString()).contains("DEPARTMENT_VERIFICATION").contains("verification request");

        ResponseEntity<Map> notListed = query(q("350100-XX-9999", "household-registration", "APP-X-4",
                Map.of("name", person[0], "citizenId", person[1])));
        assertThat(notListed.getStatusCode().value()).isEqualTo(404);

        ResponseEntity<Map> badId = query(q("350100-MZ-0001", "household-registration", "APP-X-5",
                Map.of("name", person[0], "citizenId", person[1].substring(0, 17) + (person[1].endsWith("1") ? "2" : "1"))));
        assertThat(badId.getStatusCode().value()).isEqualTo(400);
        assertThat(badId.getBody().get("detail").toString()).contains("check character");
    }

    @Test
    void everyQueryLeavesAQueryRecordWithoutPersonalDataInClear() {
        String[] person = demo.person(7);
        long before = hub.queryForObject("select count(*) from query_record where account = 'window.agent'", Long.class);
        query(q("350100-MZ-0001", "household-registration", "APP-Q-1", Map.of("name", person[0], "citizenId", person[1])));
        query(q("350100-MZ-0001", "household-registration", "APP-Q-2", Map.of("name", "张冒名", "citizenId", person[1])));
        query(q("350100-JY-0001", "no-criminal-record", "APP-Q-3", Map.of("name", person[0], "citizenId", person[1])));
        List<Map<String, Object>> rows = hub.queryForList("select * from query_record where account = 'window.agent' order by id desc limit 3");
        assertThat(hub.queryForObject("select count(*) from query_record where account = 'window.agent'", Long.class)).isEqualTo(before + 3);
        assertThat(rows).extracting(r -> r.get("result")).containsExactly("WRONG_METHOD", "SUBJECT_MISMATCH", "ISSUED");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.toString()).doesNotContain(person[1]).doesNotContain(person[0]);
            assertThat(r).containsEntry("unit_code", "ZWFWZX");
            assertThat(r.get("subject_hash").toString()).hasSize(64);
        });
        // the auditor finds them by the citizen ID, sent in the body and hashed before searching
        assertThat(records(queryRecords(Map.of("subject", person[1])))).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(r -> assertThat(r).containsEntry("subjectHash", rows.get(0).get("subject_hash")));
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject(
                "select count(*) from audit_log where action = 'DATA_QUERY' and actor = 'window.agent'", Long.class) >= 3);
    }

    /**
     * More query records for one citizen than a page holds: the auditor, sending the citizen ID only in a body, gets the newest
     * first, how many there are and whether more follow; each next page continues where the one before ended, without a gap
     * or a repeat, and the last says nothing follows. The filters narrow it; nonsense is a 400 saying why and searches
     * nothing; the old GET answers 410; every page asked for is in the audit trail.
     */
    @Test
    void queryRecordsAreSearchedByABodyNewestFirstAPageAtATime() {
        String[] person = demo.person(31);
        String app = "APP-QR-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "-";
        Map<String, Object> name = Map.of("name", person[0], "citizenId", person[1]);
        Map<String, Object> wrongName = Map.of("name", "张冒名", "citizenId", person[1]);
        assertThat(query(q("350100-MZ-0001", "household-registration", app + 1, name)).getStatusCode().value()).isEqualTo(201);
        for (int i = 2; i <= 5; i++) {
            assertThat(query(q("350100-JY-0001", "no-criminal-record", app + i, name)).getStatusCode().value()).isEqualTo(409);
        }
        assertThat(query(q("350100-MZ-0001", "household-registration", app + 6, wrongName)).getStatusCode().value()).isEqualTo(422);
        assertThat(rest.withBasicAuth("window.agent.b", "hub-demo").postForEntity("/api/proofs/queries",
                new HttpEntity<>(q("350100-JY-0001", "no-criminal-record", app + 7, name)), Map.class).getStatusCode().value()).isEqualTo(409);
        assertThat(rest.withBasicAuth("rsj.agent", "hub-demo").postForEntity("/api/proofs/queries",
                new HttpEntity<>(q("350100-RS-0001", "household-registration", app + 8, wrongName)), Map.class).getStatusCode().value()).isEqualTo(422);
        // another citizen's query is not among them
        String[] other = demo.person(32);
        query(q("350100-JY-0001", "no-criminal-record", app + 9, Map.of("name", other[0], "citizenId", other[1])));

        String subjectHash = hub.queryForObject("select subject_hash from query_record where application_id = ?", String.class, app + 1);
        List<Long> all = hub.queryForList("select id from query_record where subject_hash = ? order by id desc", Long.class, subjectHash);
        assertThat(all).hasSizeGreaterThanOrEqualTo(8);
        long searched = queryRecordSearches(subjectHash);

        Map<String, Object> first = queryRecords(Map.of("subject", person[1], "limit", 3));
        assertThat(ids(first)).as("the newest first").containsExactlyElementsOf(all.subList(0, 3));
        assertThat(first).containsEntry("total", all.size()).containsEntry("more", true);
        assertThat(((Number) first.get("next")).longValue()).isEqualTo(all.get(2));
        assertThat(records(first).get(0)).as("the newest: rsj.agent's refused query")
                .containsEntry("account", "rsj.agent").containsEntry("unit", "RSJ").containsEntry("subjectHash", subjectHash)
                .containsEntry("serviceItemCode", "350100-RS-0001").containsEntry("applicationId", app + 8)
                .containsEntry("proofType", "household-registration").containsEntry("purpose", "办理350100-RS-0001")
                .containsEntry("result", "SUBJECT_MISMATCH").containsKeys("id", "at", "reason");
        assertThat(first.toString()).doesNotContain(person[1]).doesNotContain(person[0]);
        assertThat(queryRecordSearches(subjectHash)).as("the search is recorded, once").isEqualTo(searched + 1);

        List<Long> pagedThrough = new java.util.ArrayList<>(ids(first));
        Map<String, Object> page = first;
        int requests = 1;
        while ((Boolean) page.get("more")) {
            page = queryRecords(Map.of("subject", person[1], "limit", 3, "next", page.get("next")));
            requests++;
            assertThat(page).as("page %d", requests).containsEntry("total", all.size());
            assertThat(ids(page)).hasSizeBetween(1, 3);
            pagedThrough.addAll(ids(page));
        }
        assertThat(pagedThrough).as("every record once, newest first, down to the oldest").containsExactlyElementsOf(all);
        assertThat(page).containsEntry("more", false).containsEntry("next", null);
        assertThat(requests).isEqualTo((all.size() + 2) / 3);
        assertThat(queryRecordSearches(subjectHash)).as("one QUERY_RECORDS_SEARCHED per page asked for").isEqualTo(searched + requests);

        // oldest first when asked, paged the same way
        List<Long> oldestFirst = new java.util.ArrayList<>(all);
        java.util.Collections.reverse(oldestFirst);
        Map<String, Object> asc = queryRecords(Map.of("subject", person[1], "limit", 4, "order", "asc"));
        assertThat(ids(asc)).containsExactlyElementsOf(oldestFirst.subList(0, 4));
        Map<String, Object> asc2 = queryRecords(Map.of("subject", person[1], "limit", 4, "order", "asc", "next", asc.get("next")));
        assertThat(ids(asc2)).containsExactlyElementsOf(oldestFirst.subList(4, Math.min(8, oldestFirst.size())));
        // no limit: the default page holds them all
        Map<String, Object> whole = queryRecords(Map.of("subject", person[1]));
        assertThat(ids(whole)).containsExactlyElementsOf(all);
        assertThat(whole).containsEntry("more", false).containsEntry("next", null);

        // the filters narrow it
        assertThat(applications(Map.of("subject", person[1], "result", "ISSUED"))).containsExactly(app + 1);
        assertThat(records(queryRecords(Map.of("subject", person[1], "result", "ISSUED"))).get(0).get("proofId").toString()).startsWith("EP-");
        assertThat(applications(Map.of("subject", person[1], "account", "window.agent.b"))).containsExactly(app + 7);
        assertThat(applications(Map.of("subject", person[1], "unit", "RSJ"))).containsExactly(app + 8);
        assertThat(applications(Map.of("subject", person[1], "serviceItemCode", "350100-JY-0001")))
                .containsExactly(app + 7, app + 5, app + 4, app + 3, app + 2);
        assertThat(applications(Map.of("applicationId", app + 3))).containsExactly(app + 3);
        assertThat(applications(Map.of("applicationId", app + 9))).as("another citizen's, found by its application").containsExactly(app + 9);
        assertThat(applications(Map.of("subject", other[1], "serviceItemCode", "350100-JY-0001"))).contains(app + 9).doesNotContain(app + 2);
        java.time.Instant sixth = hub.queryForObject("select at from query_record where application_id = ?", java.sql.Timestamp.class, app + 6).toInstant();
        java.time.Instant seventh = hub.queryForObject("select at from query_record where application_id = ?", java.sql.Timestamp.class, app + 7).toInstant();
        assertThat(applications(Map.of("subject", person[1], "from", sixth.toString(), "to", seventh.toString()))).containsExactly(app + 6);
        assertThat(applications(Map.of("subject", person[1], "from", seventh.toString()))).containsExactly(app + 8, app + 7);

        // nonsense is refused with the reason, and nothing was searched, so nothing is recorded
        long before = queryRecordSearches(subjectHash);
        assertThat(refused(Map.of("subject", person[1], "limit", 0))).contains("limit").contains("at least 1");
        assertThat(refused(Map.of("subject", person[1], "limit", -1))).contains("limit").contains("at least 1");
        assertThat(refused(Map.of("subject", person[1], "limit", "ten"))).contains("limit takes a whole number");
        assertThat(refused(Map.of("subject", person[1], "order", "newest"))).contains("\"desc\"").contains("\"asc\"");
        assertThat(refused(Map.of("subject", person[1], "next", -5))).contains("next");
        assertThat(queryRecordSearches(subjectHash)).isEqualTo(before);
        // only auditors search
        assertThat(rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/proofs/query-records/search",
                Map.of("subject", person[1]), String.class).getStatusCode().value()).isEqualTo(403);
        // the search that took the subject in its URL is gone, and says where to go (asked here without one)
        ResponseEntity<Map> gone = rest.withBasicAuth("auditor", "hub-demo").getForEntity("/api/proofs/query-records?account=window.agent", Map.class);
        assertThat(gone.getStatusCode().value()).isEqualTo(410);
        assertThat(gone.getBody().get("detail").toString()).contains("POST").contains("/api/proofs/query-records/search");
        // the auditor's client never put the citizen ID into a URL
        assertThat(auditorUrls).isNotEmpty().noneMatch(u -> u.contains(person[1]) || u.contains(other[1]));

        // the API's description shows the search, and the GET only as withdrawn
        Map<String, Object> api = rest.getForObject("/v3/api-docs", Map.class);
        Map<String, Object> paths = (Map<String, Object>) api.get("paths");
        assertThat((Map<String, Object>) paths.get("/api/proofs/query-records/search")).containsOnlyKeys("post");
        assertThat((Map<String, Object>) ((Map<String, Object>) paths.get("/api/proofs/query-records")).get("get"))
                .containsEntry("deprecated", true).doesNotContainKey("parameters");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) api.get("components")).get("schemas");
        assertThat((Map<String, Object>) ((Map<String, Object>) schemas.get("QueryRecordsPage")).get("properties"))
                .containsKeys("records", "total", "more", "next");
        assertThat((Map<String, Object>) ((Map<String, Object>) schemas.get("QueryRecordSearch")).get("properties"))
                .containsKeys("subject", "account", "unit", "serviceItemCode", "applicationId", "result", "from", "to", "limit", "order", "next");
    }

    /** Every URL the auditor's client asked for, to show that no citizen ID was in one. */
    final List<String> auditorUrls = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The auditor's search of the query records, its criteria in the body: the answer, {@code {records: [...], total, more, next}}. */
    Map<String, Object> queryRecords(Map<String, Object> criteria) {
        TestRestTemplate auditor = rest.withBasicAuth("auditor", "hub-demo");
        auditor.getRestTemplate().getInterceptors().add((request, body, execution) -> {
            auditorUrls.add(request.getURI().toString());
            return execution.execute(request, body);
        });
        ResponseEntity<Map<String, Object>> answer = auditor.exchange("/api/proofs/query-records/search", org.springframework.http.HttpMethod.POST,
                new HttpEntity<>(criteria), new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
                });
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        return answer.getBody();
    }

    static List<Map<String, Object>> records(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("records");
    }

    static List<Long> ids(Map<String, Object> page) {
        return records(page).stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }

    /** The application ids of the query records a search finds, newest first. */
    List<Object> applications(Map<String, Object> criteria) {
        return records(queryRecords(criteria)).stream().map(r -> r.get("applicationId")).toList();
    }

    /** The detail of the problem a search with {@code criteria} is refused with; a 400 it must be. */
    String refused(Map<String, Object> criteria) {
        ResponseEntity<Map> answer = rest.withBasicAuth("auditor", "hub-demo").postForEntity("/api/proofs/query-records/search", criteria, Map.class);
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(400);
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        return answer.getBody().get("detail").toString();
    }

    /** The auditor's searches of the subject's query records recorded so far, chained or still waiting to be. */
    long queryRecordSearches(String subjectHash) {
        return hub.queryForObject("""
                select count(*) from (select actor, action, subject_hash from audit_log union all select actor, action, subject_hash from audit_pending) a
                where action = 'QUERY_RECORDS_SEARCHED' and actor = 'auditor' and subject_hash = ?""", Long.class, subjectHash);
    }

    @Test
    void aProofMadeForOneItemIsOutOfPurposeForAnotherAndARevokedOneIsRevoked() {
        String[] person = demo.person(9);
        Map<?, ?> proof = query(q("350100-MZ-0001", "household-registration", "APP-P-1", Map.of("name", person[0], "citizenId", person[1]))).getBody();
        String content = new String(Json.bytes(proof.get("content")));
        Map<String, Object> other = rest.postForEntity("/api/public/proofs/verify", Map.of("content", content, "signature", proof.get("signature"),
                "serviceItemCode", "350100-RS-0001", "applicationId", "APP-P-1"), Map.class).getBody();
        assertThat(other.get("valid")).isEqualTo(false);
        assertThat(checks(other)).anySatisfy(c -> assertThat(c).containsEntry("name", "PURPOSE").containsEntry("status", "FAILED")
                .hasEntrySatisfying("reason", r -> assertThat(r.toString()).contains("out of purpose").contains("350100-MZ-0001"))
                .containsEntry("code", "OUT_OF_PURPOSE")
                .containsEntry("reasonZh", "该证明为事项 350100-MZ-0001（申请 APP-P-1）出具，现用于事项 350100-RS-0001（申请 APP-P-1），超出用途"));
        Map<String, Object> same = rest.postForEntity("/api/public/proofs/verify", Map.of("content", content, "signature", proof.get("signature"),
                "serviceItemCode", "350100-MZ-0001", "applicationId", "APP-P-1"), Map.class).getBody();
        assertThat(same.get("valid")).isEqualTo(true);

        String id = proof.get("proofId").toString();
        ResponseEntity<Map> elsewhere = rest.withBasicAuth("gaj.supervisor", "hub-demo").postForEntity("/api/proofs/" + id + "/revoke",
                Map.of("reason", "别的单位"), Map.class);
        assertThat(elsewhere.getStatusCode().value()).as("another unit's supervisor does not revoke it").isEqualTo(403);
        assertThat(elsewhere.getBody().get("detail").toString()).contains("another unit's application");
        assertThat(rest.withBasicAuth("window.supervisor", "hub-demo").postForEntity("/api/proofs/" + id + "/revoke",
                Map.of("reason", "申请人撤回申请"), Map.class).getStatusCode().value()).isEqualTo(200);
        Map<String, Object> revoked = verify(proof);
        assertThat(revoked.get("valid")).isEqualTo(false);
        assertThat(checks(revoked)).anySatisfy(c -> assertThat(c).containsEntry("name", "REVOCATION").containsEntry("status", "FAILED")
                .containsEntry("code", "PROOF_REVOKED").hasEntrySatisfying("reasonZh", r -> assertThat(r.toString()).endsWith("被撤销，原因：申请人撤回申请")));

        // the auditor finds the issuance (a data query's entry carrying the proof's id) when searching proofs issued, and the
        // revocation: who, which unit, why, which proof, whose (the keyed hash)
        String subjectHash = hub.queryForObject("select subject_hash from eproof where proof_id = ?", String.class, id);
        List<Map<String, Object>> issued = await().atMost(Duration.ofSeconds(10)).until(() -> audit(person[1], "PROOF_ISSUED"),
                l -> l.stream().anyMatch(e -> String.valueOf(e.get("detail")).contains(id)));
        assertThat(issued).filteredOn(e -> String.valueOf(e.get("detail")).contains("\"proofId\":\"" + id + "\""))
                .extracting(e -> e.get("action") + "|" + e.get("actor") + "|" + e.get("unit") + "|" + e.get("subjectHash") + "|" + e.get("purpose"))
                .containsExactly("DATA_QUERY|window.agent|ZWFWZX|" + subjectHash + "|办理350100-MZ-0001");
        // a refused query issued nothing and is not among them
        assertThat(issued).allSatisfy(e -> assertThat(String.valueOf(e.get("detail"))).contains("\"proofId\":\"EP-"));
        List<Map<String, Object>> revocations = await().atMost(Duration.ofSeconds(10)).until(() -> audit(person[1], "PROOF_REVOKED"), l -> !l.isEmpty());
        assertThat(revocations).extracting(e -> e.get("actor") + "|" + e.get("unit") + "|" + e.get("subjectHash") + "|" + e.get("purpose") + "|" + e.get("detail"))
                .containsExactly("window.supervisor|ZWFWZX|" + subjectHash + "|申请人撤回申请|{\"proofId\":\"" + id + "\"}");

        // each verification is in the audit trail with its verdict, by whom, and the subject as the archive's keyed hash
        String subject = hub.queryForObject("select subject_hash from eproof where proof_id = ?", String.class, id);
        List<Map<String, Object>> audited = hub.queryForList("""
                select actor, subject_hash, detail from (
                    select at, actor, subject_hash, detail from audit_pending where action = 'PROOF_VERIFIED'
                    union all select at, actor, subject_hash, detail from audit_log where action = 'PROOF_VERIFIED') e
                where detail like ? order by at""", "%\"proofId\":\"" + id + "\"%");
        assertThat(audited).extracting(r -> r.get("detail").toString().contains("\"valid\":true")).containsExactly(false, true, false);
        assertThat(audited).allSatisfy(r -> {
            assertThat(r).containsEntry("actor", "public").containsEntry("subject_hash", subject);
            assertThat(r.get("detail").toString()).contains("\"via\":\"signature\"");
        });
    }

    /** The trail's entries about a subject with an action, as the auditor searches them. */
    List<Map<String, Object>> audit(String subject, String action) {
        return (List<Map<String, Object>>) rest.withBasicAuth("auditor", "hub-demo")
                .postForObject("/api/audit/entries/search", Map.of("subject", subject, "action", action), Map.class).get("entries");
    }

    static List<Map<String, Object>> checks(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("checks");
    }
}
