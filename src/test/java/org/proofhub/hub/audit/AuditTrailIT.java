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
        // exactly what was recorded, newest first: the rows in audit_log of the two reads, at the times the hub wrote them
        List<String> recorded = hub.queryForList("""
                select actor || '|' || unit_code || '|' || to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '|' || purpose || '|' || action
                from audit_log where subject_hash = ? and action in ('RECORD_READ', 'DATA_QUERY') order by seq desc""", String.class, subjectHash);
        assertThat(found).extracting(e -> e.get("account") + "|" + e.get("unit") + "|" + micros(Instant.parse((String) e.get("at"))) + "|" + e.get("purpose")
                + "|" + e.get("action")).containsExactlyElementsOf(recorded).hasSize(2);
        assertThat(found).extracting(e -> e.get("account") + "|" + e.get("unit") + "|" + e.get("purpose") + "|" + e.get("action"))
                .containsExactly("window.agent.b|ZWFWZX|城乡居民养老保险参保登记|DATA_QUERY", "window.agent|ZWFWZX|核对户籍信息|RECORD_READ");
        // and when they happened: each within its call
        assertThat(Instant.parse((String) found.get(1).get("at"))).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.MICROS), between);
        assertThat(Instant.parse((String) found.get(0).get("at"))).isBetween(between.truncatedTo(java.time.temporal.ChronoUnit.MICROS), after);
        // oldest first when asked
        assertThat(reads(Map.of("subject", person[1], "order", "asc"))).extracting(e -> e.get("action")).containsExactly("RECORD_READ", "DATA_QUERY");
        // the data query's query record (谁查询、谁负责) names the same account and purpose, and the proof the read produced
        String proofId = (String) issued.getBody().get("proofId");
        assertThat(hub.queryForObject("select account || '|' || purpose || '|' || proof_id from query_record where subject_hash = ? and proof_id = ?",
                String.class, subjectHash, proofId)).isEqualTo("window.agent.b|城乡居民养老保险参保登记|" + proofId);
        // what was read: the record's kind; the proof type and the proof
        assertThat((Map<String, Object>) found.get(1).get("what")).containsEntry("kind", "Person");
        assertThat((Map<String, Object>) found.get(0).get("what")).containsEntry("proofId", proofId).containsEntry("proofType", "household-registration");
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

    /**
     * More reads than a page holds: the first page is the newest, says how many there are and that more follow; each next
     * page continues where the one before ended — without a gap or a repeat, also when a new read arrives meanwhile — and the
     * last says nothing follows. Every request is recorded once; a limit or order that makes no sense is a 400 saying why.
     */
    @Test
    @SuppressWarnings("unchecked")
    void whoLookedIsPagedNewestFirstAndSaysHowManyThereAre() {
        String[] person = demo.person(27);
        for (int i = 1; i <= 7; i++) {
            read(person[1], "分页核查" + i);
        }
        String subjectHash = await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForList(
                "select subject_hash from audit_log where purpose like '分页核查%' and action = 'RECORD_READ'", String.class), l -> l.size() == 7).get(0);
        List<Long> all = recordedReads(subjectHash);
        assertThat(all).hasSizeGreaterThanOrEqualTo(7);
        long searched = auditorSearches(subjectHash);

        Map<String, Object> first = readsPage(Map.of("subject", person[1], "limit", 3));
        assertThat(seqs(first, "reads")).as("the newest first").containsExactlyElementsOf(all.subList(0, 3));
        assertThat(first).containsEntry("total", all.size()).containsEntry("totalExact", true).containsEntry("more", true);
        assertThat(((Number) first.get("next")).longValue()).isEqualTo(all.get(2));
        assertThat(auditorSearches(subjectHash)).as("the search is recorded, once").isEqualTo(searched + 1);

        // a read after the first page: it is newer than every page still to come, which are neither shifted nor repeated
        read(person[1], "分页核查之后");
        await().atMost(Duration.ofSeconds(10)).until(() -> recordedReads(subjectHash).size() == all.size() + 1);
        List<Long> pagedThrough = new java.util.ArrayList<>(seqs(first, "reads"));
        Map<String, Object> page = first;
        int requests = 1;
        while ((Boolean) page.get("more")) {
            page = readsPage(Map.of("subject", person[1], "limit", 3, "next", page.get("next")));
            requests++;
            assertThat(page).as("page %d", requests).containsEntry("total", all.size() + 1);
            assertThat(seqs(page, "reads")).hasSizeBetween(1, 3);
            pagedThrough.addAll(seqs(page, "reads"));
        }
        assertThat(pagedThrough).as("every read once, newest first, down to the oldest").containsExactlyElementsOf(all);
        assertThat(page).containsEntry("more", false).containsEntry("next", null);
        assertThat(requests).isEqualTo((all.size() + 2) / 3);
        assertThat(auditorSearches(subjectHash)).as("one AUDIT_SEARCHED per page asked for").isEqualTo(searched + requests);

        // oldest first when asked, paged the same way
        List<Long> oldestFirst = new java.util.ArrayList<>(recordedReads(subjectHash));
        java.util.Collections.reverse(oldestFirst);
        Map<String, Object> asc = readsPage(Map.of("subject", person[1], "limit", 4, "order", "asc"));
        assertThat(seqs(asc, "reads")).containsExactlyElementsOf(oldestFirst.subList(0, 4));
        Map<String, Object> asc2 = readsPage(Map.of("subject", person[1], "limit", 4, "order", "asc", "next", asc.get("next")));
        assertThat(seqs(asc2, "reads")).containsExactlyElementsOf(oldestFirst.subList(4, Math.min(8, oldestFirst.size())));
        // a limit above the most a page holds is lowered to it: everything, nothing more
        Map<String, Object> clamped = readsPage(Map.of("subject", person[1], "limit", 1_000_000));
        assertThat(seqs(clamped, "reads")).containsExactlyElementsOf(recordedReads(subjectHash));
        assertThat(clamped).containsEntry("more", false).containsEntry("next", null);

        // the general search pages the same way
        List<Long> recordReads = hub.queryForList("select seq from audit_log where subject_hash = ? and action = 'RECORD_READ' order by seq desc",
                Long.class, subjectHash);
        Map<String, Object> entries = searchPage(Map.of("subject", person[1], "action", "RECORD_READ", "limit", "5"));
        assertThat(seqs(entries, "entries")).containsExactlyElementsOf(recordReads.subList(0, 5));
        assertThat(entries).containsEntry("total", recordReads.size()).containsEntry("more", true);
        Map<String, Object> posted = rest.withBasicAuth("auditor", "hub-demo").exchange("/api/audit/entries/search", HttpMethod.POST,
                new HttpEntity<>(Map.of("subject", person[1], "action", "RECORD_READ", "limit", 5, "next", entries.get("next"))),
                new ParameterizedTypeReference<Map<String, Object>>() {
                }).getBody();
        assertThat(seqs(posted, "entries")).containsExactlyElementsOf(recordReads.subList(5, Math.min(10, recordReads.size())));

        // nonsense is refused with the reason, and nothing was searched, so nothing is recorded
        long before = auditorSearches(subjectHash);
        assertThat(refused("/api/audit/reads", Map.of("subject", person[1], "limit", 0))).contains("limit").contains("at least 1");
        assertThat(refused("/api/audit/reads", Map.of("subject", person[1], "limit", "ten"))).contains("limit takes a whole number");
        assertThat(refused("/api/audit/reads", Map.of("subject", person[1], "order", "newest"))).contains("\"desc\"").contains("\"asc\"");
        assertThat(refused("/api/audit/reads", Map.of("subject", person[1], "next", -5))).contains("next");
        assertThat(refused("/api/audit/entries/search", Map.of("subject", person[1], "order", "sideways"))).contains("order");
        ResponseEntity<Map> byUrl = rest.withBasicAuth("auditor", "hub-demo").getForEntity("/api/audit/entries?action=RECORD_READ&limit=-1", Map.class);
        assertThat(byUrl.getStatusCode().value()).isEqualTo(400);
        assertThat(byUrl.getBody().get("detail").toString()).contains("limit");
        // a query-string value of the wrong kind is named by its parameter, not echoed
        ResponseEntity<Map> notANumber = rest.withBasicAuth("auditor", "hub-demo")
                .getForEntity("/api/audit/entries?action=RECORD_READ&limit=" + person[1], Map.class);
        assertThat(notANumber.getStatusCode().value()).isEqualTo(400);
        assertThat(notANumber.getBody().get("detail").toString()).contains("limit takes a whole number").doesNotContain(person[1]);
        ResponseEntity<Map> notAnInstant = rest.withBasicAuth("auditor", "hub-demo")
                .getForEntity("/api/audit/entries?action=RECORD_READ&from=yesterday", Map.class);
        assertThat(notAnInstant.getBody().get("detail").toString()).contains("from takes an instant").doesNotContain("yesterday");
        // a subject in a URL is refused before anything is searched: it would stay in access logs and histories
        ResponseEntity<Map> subjectInUrl = rest.withBasicAuth("auditor", "hub-demo").getForEntity("/api/audit/entries?subject=" + person[1], Map.class);
        assertThat(subjectInUrl.getStatusCode().value()).isEqualTo(400);
        assertThat(subjectInUrl.getBody().get("detail").toString()).contains("POST /api/audit/entries/search").doesNotContain(person[1]);
        assertThat(auditorSearches(subjectHash)).isEqualTo(before);

        // the API's description says how to page
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) rest.getForObject("/v3/api-docs", Map.class).get("components"))
                .get("schemas");
        assertThat((Map<String, Object>) ((Map<String, Object>) schemas.get("ReadsPage")).get("properties")).containsKeys("reads", "total", "more", "next");
        assertThat((Map<String, Object>) ((Map<String, Object>) schemas.get("EntriesPage")).get("properties"))
                .containsKeys("entries", "total", "more", "next");
    }

    void read(String citizenId, String purpose) {
        assertThat(rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/canonical/Person/" + citizenId + "?purpose=" + purpose, Map.class)
                .getStatusCode().value()).isEqualTo(200);
    }

    /** The sequence numbers of the subject's reads of personal data in the trail, newest first. */
    List<Long> recordedReads(String subjectHash) {
        return hub.queryForList("select seq from audit_log where subject_hash = ? and " + AuditAction.READS_CONDITION + " order by seq desc",
                Long.class, subjectHash);
    }

    /** The auditor's searches for the subject recorded so far, chained or still waiting to be. */
    long auditorSearches(String subjectHash) {
        return hub.queryForObject("""
                select count(*) from (select actor, action, subject_hash from audit_log union all select actor, action, subject_hash from audit_pending) a
                where action = 'AUDIT_SEARCHED' and actor = 'auditor' and subject_hash = ?""", Long.class, subjectHash);
    }

    static List<Long> seqs(Map<String, Object> page, String field) {
        return items(page, field).stream().map(e -> ((Number) e.get("seq")).longValue()).toList();
    }

    /** The detail of the problem a POST of {@code body} is refused with; a 400 it must be. */
    String refused(String path, Map<String, Object> body) {
        ResponseEntity<Map> answer = rest.withBasicAuth("auditor", "hub-demo").postForEntity(path, body, Map.class);
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(400);
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        return answer.getBody().get("detail").toString();
    }

    static String micros(Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(java.time.ZoneOffset.UTC).format(at);
    }

    /** "Who looked", as the auditor asks it: the reads of the answer's page. */
    List<Map<String, Object>> reads(Map<String, Object> body) {
        return items(readsPage(body), "reads");
    }

    /** "Who looked", as the auditor asks it: the answer, {@code {reads: [...], total, more, next}}. */
    Map<String, Object> readsPage(Map<String, Object> body) {
        ResponseEntity<Map<String, Object>> answer = rest.withBasicAuth("auditor", "hub-demo").exchange("/api/audit/reads", HttpMethod.POST,
                new HttpEntity<>(body), new ParameterizedTypeReference<Map<String, Object>>() {
                });
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        return answer.getBody();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page, String field) {
        return (List<Map<String, Object>>) page.get(field);
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

    /** The API's search with these parameters (encoded), as the auditor: the entries of the answer's page. */
    List<Map<String, Object>> search(Map<String, String> params) {
        return items(searchPage(params), "entries");
    }

    /**
     * The API's search with these criteria, as the auditor: the answer, {@code {entries: [...], total, more, next}}. With a
     * subject it is the POST (the GET refuses one); without, the GET with the criteria as (encoded) query parameters.
     */
    Map<String, Object> searchPage(Map<String, String> params) {
        ResponseEntity<Map<String, Object>> answer;
        if (params.containsKey("subject")) {
            answer = rest.withBasicAuth("auditor", "hub-demo").exchange("/api/audit/entries/search", HttpMethod.POST, new HttpEntity<>(params),
                    new ParameterizedTypeReference<Map<String, Object>>() {
                    });
        } else {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/audit/entries");
            params.forEach(uri::queryParam);
            answer = rest.withBasicAuth("auditor", "hub-demo").exchange(uri.encode().build().toUri(), HttpMethod.GET,
                    null, new ParameterizedTypeReference<Map<String, Object>>() {
                    });
        }
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        return answer.getBody();
    }

    /**
     * A broad search over a long trail is counted only up to a limit ({@code hub.audit.search-count-limit}; here 5, the real
     * trail of the running hub): the total then says "at least", the page and its paging stay exact.
     */
    @Test
    void aBroadSearchIsCountedUpToTheLimitAndSaysAtLeast(@Autowired org.springframework.transaction.PlatformTransactionManager transactions) {
        long entriesInAll = hub.queryForObject("select count(*) from audit_log", Long.class);
        assertThat(entriesInAll).as("the running hub's trail").isGreaterThan(10);
        KeysetPages pages = new KeysetPages(hub, transactions, 5);
        AuditPage<Long> page = pages.page("audit_log", "seq", "seq", " where true", List.of(), AuditPaging.of(null, 3, null, 3),
                (rs, i) -> rs.getLong(1), Long::longValue);
        assertThat(page.items()).hasSize(3);
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.totalExact()).as("more than 5 entries: at least 5").isFalse();
        assertThat(page.more()).isTrue();
        AuditPage<Long> next = pages.page("audit_log", "seq", "seq", " where true", List.of(), AuditPaging.of(null, 3, page.next(), 3),
                (rs, i) -> rs.getLong(1), Long::longValue);
        assertThat(next.items()).hasSize(3).allSatisfy(seq -> assertThat(seq).isLessThan(page.items().get(2)));
        // a search that finds no more than the limit is counted exactly
        long newest = page.items().get(0);
        AuditPage<Long> few = pages.page("audit_log", "seq", "seq", " where seq > ? and seq <= ?", List.of(newest - 4, newest),
                AuditPaging.of(null, 3, null, 3),
                (rs, i) -> rs.getLong(1), Long::longValue);
        assertThat(few.total()).isEqualTo(4);
        assertThat(few.totalExact()).isTrue();
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
        List<Map<String, Object>> posted = items(rest.withBasicAuth("auditor", "hub-demo").exchange("/api/audit/entries/search", HttpMethod.POST,
                new HttpEntity<>(Map.of("subject", citizenId.toLowerCase(java.util.Locale.ROOT))),
                new ParameterizedTypeReference<Map<String, Object>>() {
                }).getBody(), "entries");
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
        return search(Map.of("account", account, "action", action));
    }

    List<Map<String, Object>> entries(String subject) {
        return search(Map.of("subject", subject));
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
