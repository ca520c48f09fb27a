package org.proofhub.hub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.Select;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.support.Demo;
import org.proofhub.hub.support.BrowserIT;
import org.proofhub.hub.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The window agent's console pages in a real headless Chromium, on the whole hub with its demo departments: a data
 * query becomes a sealed e-proof shown with its facts and a signed PDF; refusals keep the form and say why (no data
 * points to department verification); a verification request with an ID scan goes to the list's issuing unit and is
 * listed among the unit's sent requests; another unit's agent cannot open the proof; a commitment is offered, signed and
 * decided, an applicant with a serious dishonesty record is told why not, and a decline lists the other ways.
 */
class WindowConsoleIT extends BrowserIT {

    @Autowired
    DemoDepartments departments;
    @Autowired
    CanonicalRecords records;
    @Autowired
    JdbcTemplate hub;

    @Test
    void aWindowAgentQueriesAProofPrintsItAndIsToldWhyWhenThereIsNone() throws Exception {
        String[] person = new Demo(departments, records).person(5);
        browser.login("window.agent", PASSWORD);
        // the first page: what waits for the unit and where to start
        assertThat(browser.driver().findElements(By.id("home-awaiting"))).hasSize(1);
        assertThat(browser.driver().findElements(By.id("home-alerts"))).as("agents have no supervisor's desk").isEmpty();
        assertThat(browser.text(By.id("home-start"))).contains("数据查询出证", "部门核验申请", "告知承诺", "纸质证明台账");
        browser.driver().findElement(By.id("nav-query")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/console/proofs/new"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("数据查询出证");

        // the name does not match the ID: refused with the reason, the form kept, no proof
        fillQuery("350100-MZ-0001|household-registration|GAJ", "APP-W-1", person[0] + "某", person[1]);
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("query-problem")).isEmpty());
        assertThat(browser.text(By.id("query-problem"))).contains("未能办理");
        assertThat(browser.driver().findElement(By.id("query-application")).getAttribute("value")).isEqualTo("APP-W-1");
        assertThat(browser.driver().findElement(By.id("query-citizen-id")).getAttribute("value")).isEqualTo(person[1]);

        // nobody with that ID in the shared data: the page points to department verification
        fillQuery("350100-MZ-0001|household-registration|GAJ", "APP-W-2", "查无此人", TestData.citizenId());
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("query-to-verification")).isEmpty());
        assertThat(browser.text(By.id("query-problem"))).contains("not in");

        fillQuery("350100-MZ-0001|household-registration|GAJ", "APP-W-3", person[0], person[1]);
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/console/proofs/EP-"));
        String proofId = browser.text(By.id("proof-id"));
        assertThat(browser.text(By.id("proof-issued"))).contains(proofId);
        assertThat(browser.text(By.id("proof-title"))).isEqualTo("户籍证明");
        assertThat(browser.text(By.id("proof-subject-name"))).isEqualTo(person[0]);
        assertThat(browser.driver().findElements(By.cssSelector("#proof-facts tr")).size()).isGreaterThan(3);
        assertThat(browser.text(By.id("proof-verify-link"))).contains(proofId);
        browser.screenshot("console-proof");
        assertThat(hub.queryForObject("select count(*) from query_record where proof_id = ? and account = 'window.agent' and result = 'ISSUED'",
                Long.class, proofId)).isEqualTo(1);

        // the signed PDF, through the agent's session; opening it is recorded with its purpose
        HttpResponse<byte[]> pdf = get(browser.driver().findElement(By.id("proof-pdf")).getAttribute("href"));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        await().atMost(LIVE).until(() -> auditReads(proofId, "打印证明") == 1);
        // opened again later: read from the archive, recorded
        browser.go("/console/proofs/" + proofId);
        assertThat(browser.driver().findElements(By.id("proof-issued"))).isEmpty();
        assertThat(browser.text(By.id("proof-subject-name"))).isEqualTo(person[0]);
        await().atMost(LIVE).until(() -> auditReads(proofId, "窗口查看证明") == 1);
        // the applicant says the household address is wrong: the objection goes to the population register's department
        browser.driver().findElement(By.cssSelector("#proof-objection summary")).click();
        new Select(browser.driver().findElement(By.id("proof-objection-field"))).selectByValue("householdAddress");
        browser.driver().findElement(By.id("proof-objection-claimed")).sendKeys("福州市鼓楼区东街99号");
        browser.driver().findElement(By.id("proof-objection-reason")).sendKeys("已于上月迁入新址，户籍地址未更新");
        browser.driver().findElement(By.id("proof-objection-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("proof-objection-done")).isEmpty());
        assertThat(browser.text(By.id("proof-objection-done"))).contains("GAJ", "dept.GAJ.objections");
        Long objection = hub.queryForObject("""
                select id from dataset_objection where kind = 'Person' and field = 'householdAddress' and record_key = ? and raised_by = 'window.agent'""",
                Long.class, person[1]);
        await().atMost(LIVE).until(() -> hub.queryForObject("""
                select count(*) from (select action, detail from audit_log union all select action, detail from audit_pending) a
                where action = 'OBJECTION_RAISED' and detail::jsonb->>'objection' = ? and detail::jsonb->>'sentTo' = 'dept.GAJ.objections'""",
                Long.class, String.valueOf(objection)) == 1);
        await().atMost(LIVE).until(() -> auditReads(proofId, "记录异议") == 1);
        // the applicant rates the service at the window: a bad rating needs the reason, then one rating per proof
        browser.driver().findElement(By.cssSelector("#rating summary")).click();
        browser.driver().findElement(By.id("rating-1")).click();
        browser.driver().findElement(By.id("rating-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("rating-problem")).isEmpty());
        assertThat(browser.text(By.id("rating-problem"))).contains("comment");
        browser.driver().findElement(By.cssSelector("#rating summary")).click();
        browser.driver().findElement(By.id("rating-5")).click();
        browser.driver().findElement(By.id("rating-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("rating-done")).isEmpty());
        assertThat(browser.text(By.id("rating-done"))).contains("非常满意");
        assertThat(hub.queryForObject("select score || ' ' || channel || ' ' || recorded_by from service_rating where target_type = 'QUERY' and target_id = ?",
                String.class, proofId)).isEqualTo("5 WINDOW_PAD window.agent");
        // the agent does not see the ratings report (no link, the page refused); the unit's supervisor sees the window's aggregate in it
        browser.go("/console/proofs");
        assertThat(browser.driver().findElements(By.id("nav-ratings"))).isEmpty();
        browser.go("/console/ratings");
        assertThat(browser.text(By.id("forbidden"))).isEqualTo("无权访问");
        browser.login("window.supervisor", "hub-demo");
        browser.driver().findElement(By.id("nav-ratings")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("rating-unit-ZWFWZX")).isEmpty());
        java.util.Map<String, Object> window = hub.queryForMap("""
                select count(*) as n, round(avg(score)::numeric, 2) as average, count(*) filter (where score >= 4) as good,
                       count(*) filter (where score <= 2) as bad from service_rating where unit_code = 'ZWFWZX'""");
        assertThat(((Number) window.get("n")).longValue()).isPositive();
        assertThat(browser.driver().findElements(By.cssSelector("#rating-unit-ZWFWZX td"))).extracting(org.openqa.selenium.WebElement::getText)
                .containsExactly("市政务服务中心", String.valueOf(window.get("n")), String.format("%.2f", (java.math.BigDecimal) window.get("average")),
                        String.valueOf(window.get("good")), String.valueOf(window.get("bad")));
        browser.login("window.agent", "hub-demo");
        // found again by item and application, e.g. to print it again
        browser.go("/console/proofs");
        new Select(browser.driver().findElement(By.id("proofs-item"))).selectByValue("350100-MZ-0001");
        browser.driver().findElement(By.id("proofs-application")).sendKeys("APP-W-3");
        browser.driver().findElement(By.id("proofs-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("found-" + proofId)).isEmpty());
        assertThat(browser.text(By.id("found-" + proofId))).contains("household-registration", "数据查询", "有效").doesNotContain(person[0]);
        assertThat(browser.driver().findElements(By.id("proof-revoke"))).isEmpty();
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/login"));

        // the unit's supervisor revokes it with the reason; verification says so from then on
        browser.login("window.supervisor", PASSWORD);
        browser.go("/console/proofs/" + proofId);
        browser.driver().findElement(By.cssSelector("#proof-revoke summary")).click();
        browser.driver().findElement(By.id("proof-revoke-reason")).sendKeys("申请人撤回申请");
        browser.driver().findElement(By.id("proof-revoke-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("proof-revoked")).isEmpty());
        assertThat(browser.text(By.id("proof-status"))).contains("已撤销", "申请人撤回申请");
        assertThat(browser.driver().findElements(By.id("proof-revoke"))).isEmpty();
        assertThat(hub.queryForObject("select status from eproof where proof_id = ?", String.class, proofId)).isEqualTo("REVOKED");
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/login"));

        // another unit's agent: the same page as for a proof that does not exist
        browser.login("gaj.agent", PASSWORD);
        browser.go("/console/proofs/" + proofId);
        assertThat(browser.text(By.id("forbidden"))).isEqualTo("无权访问");
        assertThat(browser.driver().getPageSource()).doesNotContain(person[1]);
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/login"));

        // the operator's data catalog: the population data set with its quality, and the objection without key or value
        browser.login("ops", PASSWORD);
        browser.driver().findElement(By.id("nav-catalog")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("dataset-population-person")).isEmpty());
        assertThat(browser.text(By.id("dataset-population-person"))).contains("人口基本信息", "GAJ", "有条件共享", "实时", "%");
        assertThat(browser.text(By.id("objection-" + objection))).contains("Person.householdAddress", "GAJ", "window.agent");
        assertThat(browser.driver().getPageSource()).doesNotContain(person[1]).doesNotContain("东街99号");
        browser.screenshot("console-catalog");
    }

    @Test
    void aWindowAgentAsksAnotherUnitWithAnIdScanAndFollowsTheRequest() throws Exception {
        String citizenId = TestData.citizenId();
        Path scan = Files.createTempFile("id-scan", ".png");
        byte[] png = new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        Files.write(scan, png);
        browser.login("window.agent", PASSWORD);
        browser.go("/console/verification/new");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("部门核验申请");
        new Select(browser.driver().findElement(By.id("ask-choice"))).selectByValue("350100-GA-0001|kinship|MZJ");
        browser.driver().findElement(By.id("ask-application")).sendKeys("APP-K-1");
        browser.driver().findElement(By.id("ask-name")).sendKeys("核验窗口");
        browser.driver().findElement(By.id("ask-citizen-id")).sendKeys(citizenId);
        browser.driver().findElement(By.id("ask-letter")).sendKeys("请核实申请人与户主的亲属关系。");
        browser.driver().findElement(By.id("ask-declared")).sendKeys("name = 核验窗口\nrelation = 子");
        browser.driver().findElement(By.id("ask-scan")).sendKeys(scan.toString());
        browser.driver().findElement(By.id("ask-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("request-submitted")).isEmpty());
        String id = browser.text(By.tagName("h1")).replace("核验请求 ", "");
        assertThat(browser.text(By.id("request-letter"))).isEqualTo("请核实申请人与户主的亲属关系。");
        assertThat(browser.text(By.id("request-declared"))).contains("name: 核验窗口", "relation: 子");
        assertThat(browser.driver().getPageSource()).contains("MZJ");
        HttpResponse<byte[]> scanBack = get(browser.driver().findElement(By.id("request-id-scan")).getAttribute("href"));
        assertThat(scanBack.statusCode()).isEqualTo(200);
        assertThat(scanBack.body()).isEqualTo(png);

        browser.go("/console/verification/new");
        assertThat(browser.text(By.id("sent-" + id))).contains("350100-GA-0001", "kinship", "MZJ").doesNotContain(citizenId);
        browser.screenshot("console-ask");

        // an empty letter is refused with the reason, and what was typed stays
        new Select(browser.driver().findElement(By.id("ask-choice"))).selectByValue("350100-GA-0001|kinship|MZJ");
        browser.driver().findElement(By.id("ask-application")).sendKeys("APP-K-2");
        browser.driver().findElement(By.id("ask-name")).sendKeys("核验窗口");
        browser.driver().findElement(By.id("ask-citizen-id")).sendKeys("11010519491231002Y");
        browser.driver().findElement(By.id("ask-letter")).sendKeys("请核实。");
        browser.driver().findElement(By.id("ask-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("ask-problem")).isEmpty());
        assertThat(browser.text(By.id("ask-problem"))).contains("check");
        assertThat(browser.driver().findElement(By.id("ask-application")).getAttribute("value")).isEqualTo("APP-K-2");
        Files.deleteIfExists(scan);
    }

    @Test
    void aWindowAgentOffersACommitmentRecordsTheSignatureAndTheDecisionAndAnIneligibleApplicantIsToldWhy() throws Exception {
        JdbcTemplate credit = new JdbcTemplate(departments.dataSource(org.proofhub.hub.demo.DemoDepartment.CREDIT));
        String dishonest = TestData.citizenId();
        long jlid = 9_500_000L + TestData.next() * 10L;
        credit.update("""
                insert into xy_sxjl (jlid, ztlx, ztbm, ztmc, sxlb, yzcd, rdjg, rdrq, sxnr, xfzt, scbz)
                values (?, '1', ?, '失信测试', 'SX04', '3', '福州市中级人民法院', ?, '测试用失信记录', '0', '0')""",
                jlid, dishonest, java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(40));
        await().atMost(Duration.ofSeconds(60)).until(() -> records.find("CreditRecord", String.valueOf(jlid)).isPresent());

        browser.login("window.agent", PASSWORD);
        browser.driver().findElement(By.id("nav-commitment")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/console/commitments/new"));
        offer("350100-GA-0002|premises-use|ZJJ", "失信测试", dishonest);
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("cm-reasons")).isEmpty());
        assertThat(browser.text(By.id("cm-reasons"))).contains("失信");
        assertThat(browser.driver().findElements(By.id("cm-to-verification"))).hasSize(1);
        assertThat(browser.driver().findElement(By.id("cm-citizen-id")).getAttribute("value")).isEqualTo(dishonest);

        // an applicant rated C: a full post-check by the responsible unit
        String applicant = TestData.citizenId();
        credit.update("insert into xy_pjjg (ztbm, ztlx, ztmc, xydj, pjrq, scbz) values (?, '1', '信用测试', 'C', ?, '0')", applicant,
                java.time.LocalDate.now());
        await().atMost(Duration.ofSeconds(60)).until(() -> records.find("CreditRating", applicant).isPresent());
        offer("350100-GA-0002|premises-use|ZJJ", "承诺窗口", applicant);
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("cm-done")).isEmpty());
        String id = browser.driver().getCurrentUrl().replaceFirst(".*/console/commitments/", "");
        assertThat(browser.text(By.id("cm-status"))).isEqualTo("已告知（待签署）");
        assertThat(browser.driver().findElements(By.id("rating"))).as("rated once handled").isEmpty();
        assertThat(browser.text(By.id("cm-applicant"))).doesNotContain(applicant).contains("*");
        HttpResponse<byte[]> letter = get(browser.driver().findElement(By.id("cm-notification-pdf")).getAttribute("href"));
        assertThat(letter.statusCode()).isEqualTo(200);
        assertThat(new String(letter.body(), 0, 5)).isEqualTo("%PDF-");
        await().atMost(LIVE).until(() -> hub.queryForObject("""
                select count(*) from (select action, detail from audit_log union all select action, detail from audit_pending) a
                where action = 'COMMITMENT_LETTER_READ' and detail like ?""", Long.class, "%" + id + "%") >= 1);

        // the applicant's son commits on the applicant's behalf, under a special authorisation recorded first
        String proxyId = TestData.citizenId();
        browser.driver().findElement(By.cssSelector("#cm-authorise summary")).click();
        browser.driver().findElement(By.id("cm-au-name")).sendKeys("承诺窗口");
        browser.driver().findElement(By.id("cm-au-id")).sendKeys(applicant);
        browser.driver().findElement(By.id("cm-au-proxy-name")).sendKeys("承诺代理");
        browser.driver().findElement(By.id("cm-au-proxy-id")).sendKeys(proxyId);
        browser.driver().findElement(By.id("cm-au-document")).sendKeys("（2026）闽榕鼓证字第001号");
        // the deed names a second item: the scope is this item (prefilled) and that one
        assertThat(browser.driver().findElement(By.id("cm-au-scope")).getAttribute("value")).isEqualTo("350100-GA-0002");
        browser.driver().findElement(By.id("cm-au-scope")).sendKeys("，350100-MZ-0001");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
                browser.driver().findElement(By.id("cm-au-until")), java.time.LocalDate.now().plusYears(1).toString());
        browser.driver().findElement(By.id("cm-au-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("cm-authorised")).isEmpty());
        String authorisation = browser.driver().findElement(By.id("cm-authorisation")).getAttribute("value");
        assertThat(authorisation).startsWith("AU-");
        assertThat(hub.queryForObject("select array_to_string(scope, ' ') from commitment_authorisation where id = ?", String.class, authorisation))
                .isEqualTo("350100-GA-0002 350100-MZ-0001");
        assertThat(browser.driver().findElement(By.id("cm-proxy-name")).getAttribute("value")).isEqualTo("承诺代理");
        browser.driver().findElement(By.id("cm-proxy-id")).sendKeys(proxyId);
        new Select(browser.driver().findElement(By.id("cm-sign-method"))).selectByValue("MOBILE_APP");
        browser.driver().findElement(By.id("cm-sign-submit")).click();
        browser.waitFor(LIVE).ignoring(StaleElementReferenceException.class).until(d -> browser.text(By.id("cm-status")).equals("已签署承诺"));
        assertThat(browser.text(By.id("cm-summary"))).contains("PROXY");
        assertThat(hub.queryForObject("select authorisation_id from commitment where id = ?", String.class, id)).isEqualTo(authorisation);
        browser.driver().findElement(By.id("cm-decision-ref")).sendKeys("榕公居字〔2026〕001号");
        browser.driver().findElement(By.id("cm-decide-submit")).click();
        browser.waitFor(LIVE).ignoring(StaleElementReferenceException.class).until(d -> browser.text(By.id("cm-status")).equals("已按承诺办结"));
        assertThat(browser.text(By.id("cm-post-check-mode"))).isEqualTo("全面核查 · 待核查");
        assertThat(browser.driver().findElements(By.id("rating"))).hasSize(1);
        assertThat(browser.text(By.id("cm-timeline"))).contains("已告知（待签署）", "已签署承诺", "已按承诺办结", "window.agent");
        browser.screenshot("console-commitment");
        assertThat(hub.queryForObject("select status from commitment where id = ?", String.class, id)).isEqualTo("DECIDED");

        // declined: the other ways to the proof are offered
        offer("350100-GA-0002|premises-use|ZJJ", "不愿承诺", TestData.citizenId());
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("cm-done")).isEmpty());
        browser.driver().findElement(By.cssSelector("#cm-decline summary")).click();
        browser.driver().findElement(By.id("cm-decline-reason")).sendKeys("申请人希望提交纸质证明");
        browser.driver().findElement(By.id("cm-decline-submit")).click();
        browser.waitFor(LIVE).ignoring(StaleElementReferenceException.class).until(d -> browser.text(By.id("cm-status")).equals("申请人不愿承诺"));
        assertThat(browser.text(By.id("cm-alternatives"))).contains("部门核验", "提交证明材料");
        // the paper proof goes into the ledger, the form filled in from the commitment
        browser.driver().findElement(By.id("cm-to-ledger")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/console/ledger"));
        assertThat(new Select(browser.driver().findElement(By.id("ledger-reason"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("DECLINED_COMMITMENT");
        assertThat(new Select(browser.driver().findElement(By.id("ledger-choice"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("350100-GA-0002|premises-use|ZJJ");
        String application = browser.driver().findElement(By.id("ledger-application")).getAttribute("value");
        assertThat(application).startsWith("APP-CM-W-");
        browser.driver().findElement(By.id("ledger-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("ledger-recorded")).isEmpty());
        assertThat(browser.text(By.id("ledger-lines"))).contains(application, "申请人不愿作出承诺", "告知承诺", "window.agent");
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/login"));
        browser.login("auditor", PASSWORD);
        browser.go("/console/ledger");
        assertThat(browser.driver().findElements(By.id("ledger-form"))).as("auditors read, agents record").isEmpty();
        assertThat(browser.text(By.id("ledger-unit-ZWFWZX"))).contains("申请人不愿作出承诺");
        assertThat(browser.text(By.id("ledger-item-350100-GA-0002"))).contains("告知承诺");
        browser.screenshot("console-ledger");
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/login"));

        // the responsible unit checks and records the finding
        String check = hub.queryForObject("select id from post_check where commitment_id = ?", String.class, id);
        String unit = hub.queryForObject("select unit_code from post_check where id = ?", String.class, check);
        browser.login(unit.toLowerCase(java.util.Locale.ROOT) + ".agent", PASSWORD);
        browser.driver().findElement(By.id("nav-post-checks")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("pc-" + check)).isEmpty());
        assertThat(browser.text(By.id("pc-" + check))).contains(id, "全面核查", "C", "待核查");
        browser.driver().findElement(By.id("pc-note-" + check)).sendKeys("实地核查，住所使用情况属实");
        browser.screenshot("console-post-checks");
        browser.driver().findElement(By.id("pc-submit-" + check)).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("pc-found")).isEmpty());
        assertThat(browser.text(By.id("pc-found"))).contains(check, "承诺属实");
        assertThat(browser.driver().findElements(By.id("pc-" + check))).as("no longer pending").isEmpty();
        assertThat(hub.queryForObject("select status from post_check where id = ?", String.class, check)).isEqualTo("CONFIRMED");
        // the responsible unit reads the commitment; a unit with no part in it does not, and the attempt is audited
        browser.go("/console/commitments/" + id);
        assertThat(browser.text(By.tagName("h1"))).contains(id);
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/login"));
        browser.login("rsj.agent", PASSWORD);
        browser.go("/console/commitments/" + id);
        assertThat(browser.text(By.id("forbidden"))).isEqualTo("无权访问");
        await().atMost(LIVE).until(() -> hub.queryForObject("""
                select (select count(*) from audit_pending where action = 'ACCESS_DENIED' and actor = 'rsj.agent' and detail like ?)
                     + (select count(*) from audit_log where action = 'ACCESS_DENIED' and actor = 'rsj.agent' and detail like ?)""",
                Long.class, "%" + id + "%", "%" + id + "%") == 1);
    }

    private void offer(String choice, String name, String citizenId) {
        browser.go("/console/commitments/new");
        new Select(browser.driver().findElement(By.id("cm-choice"))).selectByValue(choice);
        browser.driver().findElement(By.id("cm-application")).sendKeys("APP-CM-W-" + TestData.next());
        browser.driver().findElement(By.id("cm-name")).sendKeys(name);
        browser.driver().findElement(By.id("cm-citizen-id")).sendKeys(citizenId);
        browser.driver().findElement(By.id("cm-address")).sendKeys("福州市鼓楼区五四路100号");
        browser.driver().findElement(By.id("cm-phone")).sendKeys("0591-87000000");
        browser.driver().findElement(By.id("cm-submit")).click();
    }

    private void fillQuery(String choice, String application, String name, String citizenId) {
        if (!browser.driver().getCurrentUrl().contains("/console/proofs/new")) {
            browser.go("/console/proofs/new");
        }
        new Select(browser.driver().findElement(By.id("query-choice"))).selectByValue(choice);
        for (String[] f : new String[][]{{"query-application", application}, {"query-purpose", "办理高龄津贴，核验户籍"}, {"query-name", name},
                {"query-citizen-id", citizenId}}) {
            browser.driver().findElement(By.id(f[0])).clear();
            browser.driver().findElement(By.id(f[0])).sendKeys(f[1]);
        }
        browser.driver().findElement(By.id("query-submit")).click();
    }

    private long auditReads(String proofId, String purpose) {
        return hub.queryForObject("""
                select count(*) from (select action, purpose, detail from audit_log union all select action, purpose, detail from audit_pending) a
                where action = 'PROOF_READ' and purpose = ? and detail like ?""", Long.class, purpose, "%" + proofId + "%");
    }

    /** A GET with the browser's session, as a click on a link would send it. */
    private HttpResponse<byte[]> get(String url) throws Exception {
        Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", "JSESSIONID=" + session.getValue()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
