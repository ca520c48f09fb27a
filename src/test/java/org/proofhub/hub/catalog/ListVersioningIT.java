package org.proofhub.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.support.Demo;
import org.proofhub.hub.support.HubIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The list is versioned and published: draft → publish → the new version governs; the history is complete;
 * a late change is flagged; an excluded-domain commitment is refused; the published list is public.
 */
class ListVersioningIT extends HubIT {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    WorkingDayCalendar calendar;
    @Autowired
    DemoDepartments departments;
    @Autowired
    CanonicalRecords records;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;
    @Autowired
    KnownProofTypes proofTypes;
    @Autowired
    org.proofhub.hub.audit.AuditLog audit;
    @Autowired
    java.time.Clock clock;

    TestRestTemplate admin() {
        return rest.withBasicAuth("admin", "hub-demo");
    }

    static String newVersion() {
        return "T." + UUID.randomUUID().toString().substring(0, 8);
    }

    ResponseEntity<Map> draft(String version) {
        return admin().postForEntity("/api/list/drafts", Map.of("version", version), Map.class);
    }

    ResponseEntity<Map> saveItem(String version, String code, Map<String, Object> item) {
        return admin().exchange("/api/list/drafts/" + version + "/items/" + code, HttpMethod.PUT, new HttpEntity<>(item), Map.class);
    }

    ResponseEntity<Map> publish(String version, String cause, LocalDate causeDate) {
        return admin().postForEntity("/api/list/drafts/" + version + "/publish", Map.of("cause", cause, "causeDate", causeDate.toString()), Map.class);
    }

    static Map<String, Object> newItem(String code) {
        return Map.of("name", "老年人优待证办理", "kind", "INSTANT", "domain", "SOCIAL_ASSISTANCE", "responsibleUnit", "MZJ",
                "proofs", List.of(Map.of("proofType", "household-registration", "issuingUnit", "GAJ", "method", "DATA_QUERY",
                        "legalBasis", "《中华人民共和国老年人权益保障法》第五十七条")));
    }

    ResponseEntity<Map> query(String item, String[] person) {
        Map<String, Object> q = new HashMap<>(Map.of("serviceItemCode", item, "proofType", "household-registration", "applicationId", "APP-LV-" + UUID.randomUUID(),
                "purpose", "办理" + item, "subject", Map.of("name", person[0], "citizenId", person[1])));
        return rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/proofs/queries", new HttpEntity<>(q), Map.class);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void draftThenPublishAndTheNewVersionGoverns() {
        String[] person = new Demo(departments, records).person(11);
        String before = rest.getForObject("/api/public/list", Map.class).get("version").toString();
        org.proofhub.hub.catalog.internal.ListVersions otherInstance = new org.proofhub.hub.catalog.internal.ListVersions(jdbc, tx, proofTypes,
                calendar, 3, audit, clock);
        assertThat(otherInstance.current().version()).isEqualTo(before);
        String version = newVersion();
        String code = "350100-MZ-" + (9000 + (int) (Math.random() * 999));
        assertThat(draft(version).getStatusCode().value()).isEqualTo(201);
        assertThat(saveItem(version, code, newItem(code)).getStatusCode().value()).isEqualTo(200);

        // a draft governs nothing: the item is not on the published list yet
        assertThat(query(code, person).getStatusCode().value()).isEqualTo(404);
        assertThat(rest.getForObject("/api/public/list", Map.class).get("version")).isEqualTo(before);

        ResponseEntity<Map> published = publish(version, "市政府常务会议决定新增老年人优待证无证明办理", today());
        assertThat(published.getStatusCode().value()).as("%s", published.getBody()).isEqualTo(200);
        assertThat(published.getBody()).containsEntry("status", "PUBLISHED").containsEntry("late", false).containsEntry("publishedBy", "admin");
        assertThat((Map<String, Object>) published.getBody().get("changes")).containsEntry("added", List.of(code));

        Map<?, ?> now = rest.getForObject("/api/public/list", Map.class);
        assertThat(now.get("version")).isEqualTo(version);
        // another hub instance on the database, which read the list before, governs by the new version within a second
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> otherInstance.current().version().equals(version));
        assertThat(now.get("publishedOn")).isEqualTo(today().toString());
        assertThat(query(code, person).getStatusCode().value()).isEqualTo(201);
        assertThat(admin().getForObject("/api/list/versions/" + before, Map.class)).containsEntry("status", "SUPERSEDED");
    }

    @Test
    void theHistoryIsCompleteWithCauseCauseDateAndWho() {
        String version = newVersion();
        String code = "350100-MZ-8" + (100 + (int) (Math.random() * 899));
        draft(version);
        saveItem(version, code, newItem(code));
        Map<String, Object> renamed = new HashMap<>(newItem(code));
        renamed.put("name", "老年人优待证申领");
        saveItem(version, code, renamed);
        LocalDate cause = today().minusDays(1);
        publish(version, "省民政厅通知调整事项名称", cause);

        List<Map<String, Object>> changes = admin().getForObject("/api/list/changes?version=" + version, List.class);
        assertThat(changes).extracting(c -> c.get("action")).containsExactly("DRAFTED", "ITEM_SAVED", "ITEM_SAVED", "PUBLISHED");
        assertThat(changes).allSatisfy(c -> assertThat(c).containsEntry("actor", "admin").containsKey("at"));
        assertThat(changes.get(1)).doesNotContainKey("before");
        assertThat((Map<String, Object>) changes.get(2).get("before")).containsEntry("name", "老年人优待证办理");
        assertThat((Map<String, Object>) changes.get(2).get("after")).containsEntry("name", "老年人优待证申领");
        assertThat(changes.get(3)).containsEntry("cause", "省民政厅通知调整事项名称").containsEntry("causeDate", cause.toString());

        List<Map<String, Object>> history = rest.getForObject("/api/public/list/versions", List.class);
        assertThat(history).anySatisfy(v -> assertThat(v).containsEntry("version", "2026.1").containsEntry("status", "SUPERSEDED"));
        assertThat(history).anySatisfy(v -> assertThat(v).containsEntry("version", version).containsEntry("cause", "省民政厅通知调整事项名称")
                .containsEntry("causeDate", cause.toString()).doesNotContainKey("publishedBy"));
    }

    @Test
    void aLateChangeIsFlagged() {
        String version = newVersion();
        String code = "350100-MZ-7" + (100 + (int) (Math.random() * 899));
        draft(version);
        saveItem(version, code, newItem(code));
        LocalDate cause = today().minusDays(14);
        Map<?, ?> published = publish(version, "国务院决定取消一批证明事项", cause).getBody();
        int days = calendar.workingDaysBetween(cause, today());
        assertThat(days).isGreaterThan(3);
        assertThat(published.get("late")).isEqualTo(true);
        assertThat(published.get("workingDaysToPublish")).isEqualTo(days);
        assertThat(admin().getForObject("/api/list/versions", List.class)).anySatisfy(v -> assertThat((Map<String, Object>) v)
                .containsEntry("version", version).containsEntry("late", true));
    }

    /** A commitment item for a licence of public safety, its domain written as {@code domain}. */
    static Map<String, Object> dangerousGoodsLicence(String domain) {
        return Map.of("name", "危险化学品经营许可证核发", "kind", "COMMITMENT", "promisedLimit", "P30D",
                "domain", domain, "responsibleUnit", "SCJGJ",
                "proofs", List.of(Map.of("proofType", "premises-use", "issuingUnit", "ZJJ", "method", "NOTIFICATION_COMMITMENT",
                        "legalBasis", "《危险化学品经营许可证管理办法》第八条", "commitment", Map.of("legalProvisions", "同上", "conditions", "有合法经营场所",
                                "supervision", "事后核查", "otherNotices", "无"))));
    }

    @Test
    void anExcludedDomainCommitmentIsRefused() {
        String version = newVersion();
        draft(version);
        Map<String, Object> dangerous = dangerousGoodsLicence("PUBLIC_SAFETY");
        ResponseEntity<Map> refused = saveItem(version, "350100-YJ-0001", dangerous);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().get("type").toString()).endsWith("/list-rule-violated");
        assertThat(refused.getBody().get("detail").toString()).contains("excluded domain PUBLIC_SAFETY").contains("never be replaced by a commitment");
        Map<?, ?> draft = admin().getForObject("/api/list/versions/" + version, Map.class);
        assertThat(draft.toString()).doesNotContain("NOTIFICATION_COMMITMENT, legalBasis=《危险化学品");
        // nothing changed: the draft cannot be published, and is discarded
        assertThat(publish(version, "试图将危险化学品经营许可纳入告知承诺", today()).getStatusCode().value()).isEqualTo(409);
        assertThat(admin().exchange("/api/list/drafts/" + version, HttpMethod.DELETE, null, Void.class).getStatusCode().value()).isEqualTo(204);
    }

    @Test
    void aMisspeltDomainOrAnUnknownUnitIsRefused() {
        String version = newVersion();
        draft(version);
        // 公共安全 is PUBLIC_SAFETY in Chinese: under that spelling a commitment must not slip past the excluded domains
        Map<String, Object> dangerous = dangerousGoodsLicence("公共安全");
        ResponseEntity<Map> refused = saveItem(version, "350100-YJ-0009", dangerous);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().get("type").toString()).endsWith("/list-rule-violated");
        assertThat(refused.getBody().get("detail").toString()).contains("domain").contains("SOCIAL_ASSISTANCE").contains("PUBLIC_SAFETY");

        Map<String, Object> unknownUnit = new HashMap<>(newItem("350100-MZ-0999"));
        unknownUnit.put("responsibleUnit", "MZJJ");
        refused = saveItem(version, "350100-MZ-0999", unknownUnit);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().get("detail").toString()).contains("responsibleUnit").contains("unknown unit MZJJ").contains("not a unit of the hub");
        Map<?, ?> unchanged = admin().getForObject("/api/list/versions/" + version, Map.class);
        assertThat(unchanged.toString()).doesNotContain("350100-YJ-0009").doesNotContain("350100-MZ-0999");
        assertThat(admin().exchange("/api/list/drafts/" + version, HttpMethod.DELETE, null, Void.class).getStatusCode().value()).isEqualTo(204);

        // the vocabulary is public, with the Chinese names
        List<Map<String, Object>> domains = rest.getForObject("/api/public/list/domains", List.class);
        assertThat(domains).anySatisfy(d -> assertThat(d).containsEntry("code", "PUBLIC_SAFETY").containsEntry("label", "公共安全")
                .containsEntry("excluded", true));
        assertThat(domains).anySatisfy(d -> assertThat(d).containsEntry("code", "SOCIAL_ASSISTANCE").containsEntry("excluded", false));
    }

    @Test
    void onlyAdministratorsEditAndEveryoneReadsThePublishedList() {
        String deniedDraft = "select count(*) from audit_log where actor = 'window.agent' and action = 'ACCESS_DENIED' "
                + "and detail::text like '%ListController.draft%'";
        long deniedBefore = jdbc.queryForObject(deniedDraft, Long.class);
        // a role check (@PreAuthorize) refuses with problem details naming the account, its roles and what it asked for
        ResponseEntity<Map> refused = rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/list/drafts",
                Map.of("version", newVersion()), Map.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(refused.getBody()).containsEntry("status", 403).containsEntry("title", "Access denied");
        assertThat(refused.getBody().get("type").toString()).endsWith("/access-denied");
        assertThat(refused.getBody().get("detail").toString()).contains("account window.agent (roles AGENT) may not POST /api/list/drafts")
                .contains("ADMIN");
        // a path that carries a citizen ID is named masked
        ResponseEntity<Map> masked = rest.withBasicAuth("ops", "hub-demo").getForEntity("/api/canonical/Person/11010519491231002X?purpose=x", Map.class);
        assertThat(masked.getStatusCode().value()).isEqualTo(403);
        assertThat(masked.getBody().toString()).doesNotContain("11010519491231002X").contains("/api/canonical/Person/110***********002X");
        // and is in the audit trail once (the role check's event), not a second time by the problem handler
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject(deniedDraft, Long.class) == deniedBefore + 1);
        assertThat(jdbc.queryForObject(deniedDraft, Long.class)).isEqualTo(deniedBefore + 1);
        Map<String, Object> list = rest.getForObject("/api/public/list", Map.class);
        assertThat(list).containsKeys("version", "publishedOn", "items");
        assertThat((List<?>) list.get("items")).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void theApiOfTheListCommitmentsLedgerAndRatingsIsDescribedInOpenApi() {
        Map<String, Object> paths = (Map<String, Object>) rest.getForObject("/v3/api-docs", Map.class).get("paths");
        // every mapping of the catalog, commitment, ledger and rating packages (and the public list the proof package serves)
        Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("/api/public/list", List.of("get"));
        expected.put("/api/public/list/versions", List.of("get"));
        expected.put("/api/public/list/domains", List.of("get"));
        expected.put("/api/list/versions", List.of("get"));
        expected.put("/api/list/versions/{version}", List.of("get"));
        expected.put("/api/list/changes", List.of("get"));
        expected.put("/api/list/drafts", List.of("post"));
        expected.put("/api/list/drafts/{version}", List.of("delete"));
        expected.put("/api/list/drafts/{version}/items/{code}", List.of("put", "delete"));
        expected.put("/api/list/drafts/{version}/publish", List.of("post"));
        expected.put("/api/commitments/eligibility", List.of("post"));
        expected.put("/api/commitments", List.of("post"));
        expected.put("/api/commitments/{id}", List.of("get"));
        expected.put("/api/commitments/{id}/sign", List.of("post"));
        expected.put("/api/commitments/{id}/decline", List.of("post"));
        expected.put("/api/commitments/{id}/withdraw", List.of("post"));
        expected.put("/api/commitments/{id}/decide", List.of("post"));
        expected.put("/api/commitments/{id}/letters/{which}", List.of("get"));
        expected.put("/api/commitments/{id}/letters/{which}.pdf", List.of("get"));
        expected.put("/api/commitments/authorisations", List.of("post"));
        expected.put("/api/post-checks", List.of("get"));
        expected.put("/api/post-checks/refused-findings", List.of("get"));
        expected.put("/api/post-checks/{id}/finding", List.of("post"));
        expected.put("/api/public/commitment-letters", List.of("get"));
        expected.put("/api/public/commitment-letters/{itemCode}/{proofType}", List.of("get"));
        expected.put("/api/public/commitment-letters/{itemCode}/{proofType}/{which}.pdf", List.of("get"));
        expected.put("/api/ledger", List.of("post", "get"));
        expected.put("/api/ledger/report", List.of("get"));
        expected.put("/api/ratings", List.of("post"));
        expected.put("/api/ratings/report", List.of("get"));
        assertThat(paths).containsKeys(expected.keySet().toArray(String[]::new));
        expected.forEach((path, methods) -> assertThat((Map<String, Object>) paths.get(path)).as(path).containsKeys(methods.toArray(String[]::new)));
        // and nothing of these packages is left out: every path under their prefixes is one of the above
        assertThat(paths.keySet()).filteredOn(p -> p.startsWith("/api/list") || p.startsWith("/api/public/list") || p.startsWith("/api/commitments")
                        || p.startsWith("/api/post-checks") || p.startsWith("/api/public/commitment-letters") || p.startsWith("/api/ledger")
                        || p.startsWith("/api/ratings"))
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }
}
