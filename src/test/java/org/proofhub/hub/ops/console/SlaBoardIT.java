package org.proofhub.hub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.support.BrowserIT;
import org.proofhub.hub.support.TestClock;
import org.proofhub.hub.support.TestData;
import org.proofhub.hub.verification.ItemKind;
import org.proofhub.hub.verification.Submitted;
import org.proofhub.hub.verification.VerificationSubmission;
import org.proofhub.hub.verification.VerificationTestConfiguration;
import org.proofhub.hub.verification.internal.DeadlineScheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * The console's department verification pages in a real headless Chromium: a supervisor watches a request to
 * the unit go due soon, overdue and escalated on the SLA board without reloading it, while the test moves the
 * hub's clock and fires the timers; a request's timeline opens for the two units only, masked for operators.
 * The request carries its own item terms, as the demo item is not on the published list with them.
 */
@Import(VerificationTestConfiguration.class)
@TestPropertySource(properties = {"hub.verification.scheduler-enabled=false", "hub.verification.item-terms=request"})
class SlaBoardIT extends BrowserIT {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    TestClock clock;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate hub;
    @Autowired
    DeadlineScheduler scheduler;

    @Test
    void aSupervisorSeesARequestGoOverdueAndEscalatedWithoutReloading() {
        VerificationSubmission request = instantRequest("MZJ");
        String id = submit("window.agent", request);
        browser.login("mzj.supervisor", PASSWORD);
        browser.go("/console/sla");
        assertThat(browser.driver().findElements(By.cssSelector("#sla tbody tr"))).hasSize(1);
        assertThat(cell("MZJ", "awaiting")).isEqualTo("1");
        assertThat(cell("MZJ", "overdue")).isEqualTo("0");
        assertThat(browser.text(By.id("request-" + id))).contains("350100-HJ-0001", "household-registration", "待处理");
        assertThat(browser.driver().getPageSource()).doesNotContain(request.subject().id()).doesNotContain(request.subject().name());
        // the unit's post-checks of commitments, its own row only
        assertThat(browser.driver().findElements(By.cssSelector("#post-checks tbody tr"))).singleElement()
                .satisfies(row -> assertThat(row.getAttribute("id")).isEqualTo("post-checks-MZJ"));
        // the first event of the stream stamps the page: from here on it is live
        browser.waitFor(LIVE).until(d -> !browser.text(By.id("sla-updated")).isEmpty());

        clock.advance(Duration.ofMinutes(25));
        browser.waitFor(LIVE).until(d -> cell("MZJ", "dueSoon").equals("1"));

        // the deadline passes: counted as overdue at the hub's clock before any timer fires ...
        clock.advance(Duration.ofMinutes(6));
        browser.waitFor(LIVE).until(d -> cell("MZJ", "overdue").equals("1"));
        assertThat(cell("MZJ", "dueSoon")).isEqualTo("0");
        assertThat(classes("MZJ", "overdue")).contains("hot");

        // ... and escalated to the supervisor once the scheduler fired it
        scheduler.fireDue();
        browser.waitFor(LIVE).until(d -> cell("MZJ", "escalated").equals("1") && cell("MZJ", "overdue").equals("0"));
        assertThat(cell("MZJ", "awaiting")).isEqualTo("1");
        // the unit's list follows the counts
        browser.waitFor(LIVE).ignoring(StaleElementReferenceException.class)
                .until(d -> browser.text(By.id("request-" + id)).contains("已督办"));
        browser.screenshot("console-sla-board");
    }

    @Test
    void aRequestsTimelineOpensForTheTwoUnitsOnlyAndMaskedForOperators() {
        VerificationSubmission request = instantRequest("GAJ");
        String id = submit("window.agent", request);

        browser.login("scjgj.agent", PASSWORD);
        browser.go("/console/requests/" + id);
        assertThat(browser.text(By.id("forbidden"))).isEqualTo("无权访问");
        assertThat(browser.driver().getPageSource()).doesNotContain(request.subject().id());
        browser.screenshot("console-forbidden");
        // the refusal is in the audit trail
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> hub.queryForObject("""
                select count(*) from (select actor, action, detail from audit_log union all select actor, action, detail from audit_pending) a
                where actor = 'scjgj.agent' and action = 'ACCESS_DENIED' and detail like '%/console/requests/%'""", Long.class) > 0);
        logout();

        browser.login("window.agent", PASSWORD);
        browser.go("/console/sla");
        browser.driver().findElement(By.id("nav-sla"));
        assertThat(browser.driver().findElements(By.cssSelector("#sla tbody tr"))).hasSize(1);
        browser.go("/console/requests/" + id);
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("核验请求 " + id);
        assertThat(browser.text(By.id("request-subject"))).contains(request.subject().id());
        assertThat(browser.driver().findElements(By.cssSelector("#timeline tr[data-type=ACCEPTED]"))).hasSize(1);
        assertThat(browser.text(By.id("timeline"))).contains("受理", "window.agent · ZWFWZX", "分派", "gaj.agent");
        browser.screenshot("console-request-timeline");
        logout();

        browser.login("ops", PASSWORD);
        browser.go("/console/requests/" + id + "?lang=en");
        assertThat(browser.text(By.id("request-subject"))).contains("*").doesNotContain(request.subject().id());
        assertThat(browser.driver().getPageSource()).doesNotContain(request.subject().name());
        assertThat(browser.text(By.id("timeline"))).contains("Accepted", "Assigned");
        browser.go("/console/sla");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("SLA board (department verification)");
        assertThat(browser.driver().findElements(By.cssSelector("#sla tbody tr")).size()).isGreaterThan(5);
        assertThat(browser.driver().findElements(By.id("open-requests"))).isEmpty();
        // operators see every unit's post-checks too
        assertThat(browser.text(By.cssSelector("#post-check-section h2"))).isEqualTo("Post-checks of commitments");
        assertThat(browser.driver().findElements(By.cssSelector("#post-checks tbody tr")).size()).isGreaterThan(5);
    }

    @Test
    void aSupervisorSeesEscalationsArriveOnTheDeskTakesOneUpAndGivesTheOtherToAnAgentOnDuty() {
        String first = submit("window.agent", instantRequest("SCJGJ"));
        String second = submit("window.agent", instantRequest("SCJGJ"));
        for (String id : java.util.List.of(first, second)) {
            assertThat(rest.withBasicAuth("scjgj.agent", PASSWORD).postForEntity("/api/verification/requests/" + id + "/open", null, Map.class)
                    .getStatusCode().value()).isEqualTo(200);
        }
        browser.login("scjgj.supervisor", PASSWORD);
        browser.go("/console/supervision");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("督办台");
        assertThat(browser.driver().findElements(By.cssSelector("#desk-open a[href$='" + first + "']"))).isEmpty();
        browser.waitFor(LIVE).until(d -> !browser.text(By.id("sla-updated")).isEmpty());

        // both deadlines pass and the timers fire: the open list reloads itself with them
        clock.advance(Duration.ofMinutes(31));
        scheduler.fireDue();
        browser.waitFor(LIVE).ignoring(StaleElementReferenceException.class).until(d ->
                d.findElements(By.cssSelector("#desk-open a[href$='" + first + "']")).size() == 1
                        && d.findElements(By.cssSelector("#desk-open a[href$='" + second + "']")).size() == 1);
        browser.screenshot("console-supervision");
        // the first page counts them too
        browser.go("/console");
        assertThat(Integer.parseInt(browser.text(By.cssSelector("#home-alerts .tile-count")))).isGreaterThanOrEqualTo(2);
        assertThat(browser.driver().findElement(By.id("home-alerts")).getAttribute("class")).contains("hot");
        browser.screenshot("console-home-supervisor");
        browser.go("/console/supervision");
        WebElement firstRow = alertRow(first);
        assertThat(firstRow.getText()).contains("超时督办", "还剩 29 分钟", "已查看", "scjgj.agent");

        // take the first up with a note
        firstRow.findElement(By.cssSelector("input[id^=ack-note-]")).sendKeys("已电话催办");
        firstRow.findElement(By.cssSelector("button[id^=ack-]")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("desk-acknowledged")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector("#desk-open a[href$='" + first + "']"))).isEmpty();
        assertThat(browser.text(By.id("desk-done"))).contains(first, "scjgj.supervisor", "已电话催办");

        // give the second to the B post
        WebElement secondRow = alertRow(second);
        new Select(secondRow.findElement(By.cssSelector("select[name=agent]"))).selectByValue("scjgj.agent.b");
        secondRow.findElement(By.cssSelector("input[id^=assign-note-]")).sendKeys("A岗外出，请B岗答复");
        secondRow.findElement(By.cssSelector("button[id^=assign-]")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("desk-assigned")).isEmpty());
        assertThat(browser.text(By.id("desk-assigned"))).contains(second, "scjgj.agent.b");
        assertThat(browser.driver().findElements(By.cssSelector("#desk-open a[href$='" + second + "']"))).isEmpty();
        assertThat(browser.text(By.id("desk-done"))).contains("→ scjgj.agent.b: A岗外出，请B岗答复");
        browser.go("/console/requests/" + second);
        assertThat(browser.text(By.id("timeline"))).contains("转交承办人", "scjgj.supervisor", "SUPERVISOR", "A岗外出，请B岗答复");
        logout();

        // operators read every unit's desk and act on none; agents do not get it
        browser.login("ops", PASSWORD);
        browser.go("/console/supervision?lang=en");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Supervisor's desk");
        assertThat(browser.text(By.id("desk-done"))).contains(first, second);
        assertThat(browser.driver().findElements(By.cssSelector("button[id^=ack-], button[id^=assign-]"))).isEmpty();
        logout();
        browser.login("scjgj.agent", PASSWORD);
        assertThat(browser.driver().findElements(By.id("nav-supervision"))).isEmpty();
        browser.go("/console/supervision?lang=zh_CN");
        assertThat(browser.text(By.id("forbidden"))).isEqualTo("无权访问");
        answerAsUnit("scjgj.agent", first);
        answerAsUnit("scjgj.agent.b", second);
    }

    /** A unit left without anyone on duty alerts its supervisor: the desk shows it without being reloaded. */
    @Test
    void aNobodyOnDutyAlertArrivesOnTheDeskWithoutReloading() {
        TestRestTemplate supervisor = rest.withBasicAuth("zjj.supervisor", PASSWORD);
        browser.login("zjj.supervisor", PASSWORD);
        browser.go("/console/supervision");
        By nobody = By.cssSelector("#desk-open tr[data-kind='NO_ONE_ON_DUTY']");
        assertThat(browser.driver().findElements(nobody)).isEmpty();
        try {
            for (String agent : List.of("zjj.agent", "zjj.agent.b")) {
                supervisor.put("/api/verification/roster/" + agent + "/availability", Map.of("available", false));
            }
            browser.waitFor(LIVE).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> !d.findElements(nobody).isEmpty());
            // the first page says so too, and leads to the roster
            browser.go("/console");
            assertThat(browser.text(By.id("home-nobody-on-duty"))).startsWith("1");
            assertThat(browser.driver().findElement(By.id("home-nobody-on-duty")).getAttribute("class")).contains("hot");
        } finally {
            for (String agent : List.of("zjj.agent", "zjj.agent.b")) {
                supervisor.put("/api/verification/roster/" + agent + "/availability", Map.of("available", true));
            }
        }
        // taken up, so that it does not linger for the tests after this one
        List<Map<String, Object>> open = supervisor.getForObject("/api/verification/alerts?open=true", List.class);
        open.stream().filter(a -> "NO_ONE_ON_DUTY".equals(a.get("kind"))).forEach(a ->
                supervisor.postForEntity("/api/verification/alerts/" + a.get("id") + "/acknowledge", Map.of("note", "已安排返岗"), Map.class));
        logout();
    }

    @Test
    void anIssuingUnitsAgentAnswersInTheConsoleAndTheAskingAgentSeesTheAnswer() {
        VerificationSubmission request = instantRequest("RSJ");
        String id = submit("window.agent", request);
        browser.login("rsj.agent", PASSWORD);
        browser.go("/console/requests/" + id + "?lang=zh_CN");
        assertThat(browser.text(By.id("request-letter"))).isEqualTo("请核实该申请人户籍登记信息。");
        assertThat(browser.text(By.id("request-declared"))).contains("name: 看板测试");
        browser.driver().findElement(By.id("answer-open")).click();
        browser.waitFor(LIVE).ignoring(StaleElementReferenceException.class).until(d -> browser.text(By.id("request-status")).contains("已查看"));
        assertThat(browser.driver().findElements(By.id("answer-open"))).as("opened once").isEmpty();
        assertThat(browser.driver().findElements(By.id("answer-return"))).as("returning is possible within 30 minutes").hasSize(1);
        browser.screenshot("console-request-answer");

        // the facts come prefilled from the application; emptied, the hub says what is missing and nothing changes
        assertThat(browser.driver().findElement(By.id("fact-name")).getAttribute("value")).isEqualTo("看板测试");
        assertThat(browser.driver().findElement(By.id("fact-citizenId")).getAttribute("value")).isEqualTo(request.subject().id());
        for (String f : java.util.List.of("fact-name", "fact-citizenId")) {
            browser.driver().findElement(By.id(f)).clear();
        }
        browser.driver().findElement(By.id("answer-confirm-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("request-problem")).isEmpty());
        assertThat(browser.text(By.id("request-problem"))).contains("CONFIRMED answer carries the proof's facts");
        assertThat(browser.text(By.id("request-status"))).contains("已查看");

        // confirmed with the unit's own data (the form offers the application's again): a different name is a discrepancy
        assertThat(browser.driver().findElement(By.id("fact-name")).getAttribute("value")).isEqualTo("看板测试");
        browser.driver().findElement(By.id("fact-name")).clear();
        browser.driver().findElement(By.id("fact-name")).sendKeys("看板测验");
        new Select(browser.driver().findElement(By.id("fact-sex"))).selectByValue("FEMALE");
        browser.driver().findElement(By.id("fact-householdAddress")).sendKeys("福州市鼓楼区东街街道测试社区1号");
        browser.driver().findElement(By.id("answer-confirm-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("request-answered")).isEmpty());
        assertThat(browser.text(By.id("request-answered"))).isEqualTo("已提交：确认。");
        assertThat(browser.text(By.id("request-status"))).contains("已确认");
        assertThat(browser.driver().findElements(By.id("answer-panel"))).as("nothing left to answer").isEmpty();
        assertThat(browser.text(By.id("request-content"))).contains("sex: FEMALE", "householdAddress: 福州市鼓楼区东街街道测试社区1号");
        browser.screenshot("console-request-answered");
        logout();

        browser.login("window.agent", PASSWORD);
        browser.go("/console/requests/" + id);
        assertThat(browser.driver().findElements(By.id("answer-panel"))).as("the asking unit does not answer").isEmpty();
        assertThat(browser.text(By.id("request-content"))).contains("name: 看板测验", "需补充材料", "name");
        logout();

        // a delay, in Beijing time, within the item's limit
        String delayed = submit("window.agent", instantRequest("RSJ"));
        browser.login("rsj.agent", PASSWORD);
        browser.go("/console/requests/" + delayed);
        browser.driver().findElement(By.cssSelector("#answer-delay summary")).click();
        java.time.Instant until = clock.instant().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        String local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(java.time.ZoneId.of("Asia/Shanghai")).format(until);
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
                browser.driver().findElement(By.id("delay-until")), local);
        browser.driver().findElement(By.id("delay-reason")).sendKeys("需到社区核实");
        browser.driver().findElement(By.id("answer-delay-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("request-answered")).isEmpty());
        assertThat(browser.text(By.id("request-status"))).contains("已延期");
        assertThat(rest.withBasicAuth("rsj.agent", PASSWORD).getForObject("/api/verification/requests/" + delayed, Map.class))
                .containsEntry("deadline", until.toString()).containsEntry("answerReason", "需到社区核实");
        answerAsUnit("rsj.agent", delayed);
    }

    /** The desk's open row of a request's alert, or null when it is not open. */
    private WebElement alertRow(String requestId) {
        return browser.driver().findElements(By.cssSelector("#desk-open tbody tr")).stream()
                .filter(tr -> !tr.findElements(By.cssSelector("a[href$='" + requestId + "']")).isEmpty()).findFirst().orElse(null);
    }

    private void answerAsUnit(String agent, String requestId) {
        assertThat(rest.withBasicAuth(agent, PASSWORD).postForEntity("/api/verification/requests/" + requestId + "/answer",
                Map.of("kind", "REJECTED", "reason", "测试结束"), Map.class).getStatusCode().value()).isEqualTo(200);
    }

    private static VerificationSubmission instantRequest(String issuingUnit) {
        return new VerificationSubmission("350100-HJ-0001", "APP-" + TestData.next(), ItemKind.INSTANT, null,
                "household-registration", false, issuingUnit,
                new VerificationSubmission.Subject(SubjectType.PERSON, TestData.citizenId(), "看板测试"),
                "请核实该申请人户籍登记信息。", null, Map.of("name", "看板测试"));
    }

    private String submit(String agent, VerificationSubmission s) {
        ResponseEntity<Submitted> r = rest.withBasicAuth(agent, PASSWORD).postForEntity("/api/verification/requests", s, Submitted.class);
        assertThat(r.getStatusCode().value()).as("submitting as %s", agent).isEqualTo(201);
        return r.getBody().requestId();
    }

    /** A commitment decided for an applicant of credit level C gets a full post-check: the responsible unit's count rises live. */
    @Test
    void aNewPostCheckShowsOnTheBoardWithoutReloading(@Autowired org.proofhub.hub.demo.DemoConfiguration.DemoDepartments departments,
                                                      @Autowired org.proofhub.hub.canonical.CanonicalRecords records) {
        String applicant = org.proofhub.hub.support.TestData.citizenId();
        new org.springframework.jdbc.core.JdbcTemplate(departments.dataSource(org.proofhub.hub.demo.DemoDepartment.CREDIT)).update(
                "insert into xy_pjjg (ztbm, ztlx, ztmc, xydj, pjrq, scbz) values (?, '1', '看板核查', 'C', ?, '0')",
                applicant, java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> records.find("CreditRating", applicant).isPresent());
        browser.login("gaj.supervisor", PASSWORD);
        browser.go("/console/sla");
        browser.waitFor(LIVE).until(d -> !browser.text(By.id("sla-updated")).isEmpty());
        int before = Integer.parseInt(postChecks("GAJ", "open"));

        Map<String, Object> offer = Map.of("serviceItemCode", "350100-GA-0002", "proofType", "premises-use",
                "applicationId", "APP-SLA-" + org.proofhub.hub.support.TestData.next(), "applicant", Map.of("name", "看板核查", "citizenId", applicant,
                        "address", "福州市鼓楼区五四路100号", "phone", "0591-87000000"));
        ResponseEntity<Map> offered = rest.withBasicAuth("window.agent", PASSWORD).postForEntity("/api/commitments", offer, Map.class);
        assertThat(offered.getStatusCode().value()).as("%s", offered.getBody()).isEqualTo(201);
        String id = offered.getBody().get("id").toString();
        assertThat(rest.withBasicAuth("window.agent", PASSWORD).postForEntity("/api/commitments/" + id + "/sign", Map.of("signedBy", "APPLICANT",
                "method", "HANDWRITTEN_PAD"), Map.class).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<Map> decided = rest.withBasicAuth("window.agent", PASSWORD).postForEntity("/api/commitments/" + id + "/decide",
                Map.of("decisionRef", "榕居证〔2026〕看板号"), Map.class);
        assertThat(decided.getStatusCode().value()).as("%s", decided.getBody()).isEqualTo(200);

        browser.waitFor(LIVE).until(d -> Integer.parseInt(postChecks("GAJ", "open")) == before + 1);
    }

    private String postChecks(String unit, String field) {
        return browser.text(By.cssSelector("#post-checks [data-unit='" + unit + "'][data-field='" + field + "']"));
    }

    private String cell(String unit, String field) {
        return browser.text(By.cssSelector("#sla [data-unit='" + unit + "'][data-field='" + field + "']"));
    }

    private String classes(String unit, String field) {
        return browser.driver().findElement(By.cssSelector("#sla [data-unit='" + unit + "'][data-field='" + field + "']")).getAttribute("class");
    }

    private void logout() {
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/login"));
    }
}
