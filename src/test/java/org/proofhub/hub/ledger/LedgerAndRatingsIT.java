package org.proofhub.hub.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.support.Demo;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.RatingReports;
import org.proofhub.hub.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.ResponseEntity;

/** The paper-proof ledger and service ratings (好差评) are recorded and aggregated per unit and per item. */
class LedgerAndRatingsIT extends HubIT {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    DemoDepartments departments;
    @Autowired
    CanonicalRecords records;

    ResponseEntity<Map> post(String user, String path, Map<String, Object> body) {
        return rest.withBasicAuth(user, "hub-demo").postForEntity(path, new HttpEntity<>(body), Map.class);
    }

    List<Map<String, Object>> report(String path, String by) {
        return rest.withBasicAuth("auditor", "hub-demo").getForObject(path + "?by=" + by, List.class);
    }

    static Map<String, Object> row(List<Map<String, Object>> report, String key) {
        return report.stream().filter(r -> r.get("key").equals(key)).findFirst().orElse(Map.of("count", 0));
    }

    static long count(Map<String, Object> row) {
        return ((Number) row.get("count")).longValue();
    }

    @Test
    void paperProofsAreRecordedAndReportedPerUnitAndPerItem() {
        long windowBefore = count(row(report("/api/ledger/report", "unit"), "ZWFWZX"));
        long itemBefore = count(row(report("/api/ledger/report", "item"), "350100-MZ-0001"));

        assertThat(post("window.agent", "/api/ledger", Map.of("serviceItemCode", "350100-MZ-0001", "proofType", "household-registration",
                "applicationId", "APP-LG-1", "reason", "APPLICANT_CHOICE")).getStatusCode().value()).isEqualTo(201);
        ResponseEntity<Map> declined = post("window.agent", "/api/ledger", Map.of("serviceItemCode", "350100-MZ-0001", "proofType", "family-income",
                "applicationId", "APP-LG-2", "reason", "DECLINED_COMMITMENT"));
        assertThat(declined.getBody()).containsEntry("listMethod", "DECLARATION_COMMITMENT").containsEntry("unitCode", "ZWFWZX")
                .containsKeys("listVersion", "receivedOn");
        assertThat(post("scjgj.agent", "/api/ledger", Map.of("serviceItemCode", "350100-SC-0001", "proofType", "premises-use",
                "reason", "OTHER", "note", "申请人坚持提交租赁合同原件")).getStatusCode().value()).isEqualTo(201);

        // only what the published list waives belongs in the ledger, and a reason is needed
        assertThat(post("window.agent", "/api/ledger", Map.of("serviceItemCode", "350100-XX-0000", "proofType", "premises-use",
                "reason", "APPLICANT_CHOICE")).getStatusCode().value()).isEqualTo(404);
        assertThat(post("window.agent", "/api/ledger", Map.of("serviceItemCode", "350100-RS-0001", "proofType", "premises-use",
                "reason", "APPLICANT_CHOICE")).getStatusCode().value()).isEqualTo(422);
        assertThat(post("window.agent", "/api/ledger", Map.of("serviceItemCode", "350100-SC-0001", "proofType", "premises-use",
                "reason", "OTHER")).getStatusCode().value()).isEqualTo(400);

        Map<String, Object> window = row(report("/api/ledger/report", "unit"), "ZWFWZX");
        assertThat(count(window)).isEqualTo(windowBefore + 2);
        assertThat(window).containsEntry("name", "市政务服务中心");
        assertThat((Map<String, Object>) window.get("byReason")).containsKeys("APPLICANT_CHOICE", "DECLINED_COMMITMENT");
        Map<String, Object> item = row(report("/api/ledger/report", "item"), "350100-MZ-0001");
        assertThat(count(item)).isEqualTo(itemBefore + 2);
        assertThat(item).containsEntry("name", "最低生活保障申请");
        assertThat((Map<String, Object>) item.get("byMethod")).containsKeys("DATA_QUERY", "DECLARATION_COMMITMENT");
        assertThat(report("/api/ledger/report", "unit")).anySatisfy(r -> assertThat(r).containsEntry("key", "SCJGJ"));

        // an agent reads their own unit's lines only
        List<Map<String, Object>> mine = rest.withBasicAuth("window.agent", "hub-demo").getForObject("/api/ledger", List.class);
        assertThat(mine).isNotEmpty().allSatisfy(l -> assertThat(l).containsEntry("unitCode", "ZWFWZX"));
        assertThat(rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/ledger?unit=SCJGJ", Map.class).getStatusCode().value())
                .isEqualTo(403);
    }

    @Test
    void handledQueriesAndCommitmentsAreRatedOnceAndAggregated() {
        String[] person = new Demo(departments, records).person(13);
        Map<String, Object> q = new HashMap<>(Map.of("serviceItemCode", "350100-RS-0001", "proofType", "household-registration",
                "applicationId", "APP-RT-" + TestData.next(), "purpose", "城乡居民基本养老保险参保登记",
                "subject", Map.of("name", person[0], "citizenId", person[1])));
        String proofId = post("window.agent", "/api/proofs/queries", q).getBody().get("proofId").toString();
        RatingReports.Snapshot before = RatingReports.snapshot(rest);

        ResponseEntity<Map> otherUnit = post("gaj.agent", "/api/ratings", Map.of("targetType", "QUERY", "targetId", proofId, "score", 1,
                "comment", "别的单位的差评"));
        assertThat(otherUnit.getStatusCode().value()).as("only the serving unit rates").isEqualTo(403);
        assertThat(otherUnit.getBody().get("detail").toString()).contains("ZWFWZX");
        ResponseEntity<Map> good = post("window.agent", "/api/ratings", Map.of("targetType", "QUERY", "targetId", proofId, "score", 5,
                "comment", "秒批秒办，不用跑腿"));
        assertThat(good.getStatusCode().value()).as("%s", good.getBody()).isEqualTo(201);
        assertThat(good.getBody()).containsEntry("unitCode", "ZWFWZX").containsEntry("serviceItemCode", "350100-RS-0001")
                .containsEntry("label", "非常满意");
        assertThat(post("window.agent", "/api/ratings", Map.of("targetType", "QUERY", "targetId", proofId, "score", 4))
                .getStatusCode().value()).as("one rating per handled request").isEqualTo(409);

        String commitment = post("window.agent", "/api/commitments", Map.of("serviceItemCode", "350100-GA-0002",
                "proofType", "premises-use", "applicationId", "APP-RT-C", "applicant", Map.of("name", "评价测试", "citizenId", TestData.citizenId())))
                .getBody().get("id").toString();
        assertThat(post("window.agent", "/api/ratings", Map.of("targetType", "COMMITMENT", "targetId", commitment, "score", 3))
                .getStatusCode().value()).as("not handled yet").isEqualTo(409);
        post("window.agent", "/api/commitments/" + commitment + "/decline", Map.of("reason", "申请人不愿承诺"));
        assertThat(post("window.agent", "/api/ratings", Map.of("targetType", "COMMITMENT", "targetId", commitment, "score", 2))
                .getStatusCode().value()).as("差评 needs a reason").isEqualTo(400);
        ResponseEntity<Map> bad = post("window.agent", "/api/ratings", Map.of("targetType", "COMMITMENT", "targetId", commitment, "score", 2,
                "comment", "告知书内容太长，看不懂"));
        assertThat(bad.getStatusCode().value()).isEqualTo(201);
        assertThat(bad.getBody()).containsEntry("serviceItemCode", "350100-GA-0002").containsEntry("label", "不满意");
        String commitmentUnit = bad.getBody().get("unitCode").toString();
        assertThat(post("window.agent", "/api/ratings", Map.of("targetType", "QUERY", "targetId", "EP-NOPE", "score", 5))
                .getStatusCode().value()).isEqualTo(404);

        // exactly these two ratings were added, in total and per kind, per unit and per item
        RatingReports.Snapshot after = RatingReports.snapshot(rest);
        RatingReports.Given query = new RatingReports.Given("QUERY", 5);
        RatingReports.Given declined = new RatingReports.Given("COMMITMENT", 2);
        RatingReports.assertAdded(before.item(), after.item(), "350100-RS-0001", List.of(query));
        RatingReports.assertAdded(before.item(), after.item(), "350100-GA-0002", List.of(declined));
        if (commitmentUnit.equals("ZWFWZX")) {
            RatingReports.assertAdded(before.unit(), after.unit(), "ZWFWZX", List.of(query, declined));
        } else {
            RatingReports.assertAdded(before.unit(), after.unit(), "ZWFWZX", List.of(query));
            RatingReports.assertAdded(before.unit(), after.unit(), commitmentUnit, List.of(declined));
        }
        assertThat(row(after.unit(), "ZWFWZX")).containsEntry("name", "市政务服务中心");
        assertThat(row(after.item(), "350100-RS-0001")).containsEntry("name", "城乡居民基本养老保险参保登记");
    }
}
