package org.proofhub.hub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.support.BrowserIT;
import org.proofhub.hub.support.Prometheus;
import org.proofhub.hub.support.RunDirectories;
import org.proofhub.hub.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The console in a real headless Chromium: an operator sees a connector's lag and replays a
 * quarantined record after the integrator fixed its mapping; roles see only their pages. Runs on its
 * own copy of the configuration files, which it edits.
 */
class ConsoleIT extends BrowserIT {
    static final Path CONFIG = RunDirectories.next("it-config", "console-");

    @DynamicPropertySource
    static void ownConfiguration(DynamicPropertyRegistry registry) {
        try {
            for (String dir : List.of("connectors", "mappings", "routes", "proofs", "list")) {
                FileSystemUtils.copyRecursively(Path.of(dir), CONFIG.resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("hub.ingest.config-directory", CONFIG::toString);
    }

    @Autowired
    DemoDepartments departments;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    jakarta.jms.ConnectionFactory connectionFactory;
    @Autowired
    org.proofhub.hub.audit.AuditLog audit;
    @Autowired
    org.proofhub.hub.platform.DataProtection protection;

    @Test
    void anOperatorSeesAConnectorsLagAndReplaysAQuarantinedRecord() throws IOException {
        await().atMost(Duration.ofSeconds(60)).until(() -> hub.queryForObject(
                "select count(*) from source_link where connector_id = 'population'", Long.class) > 100);
        browser.login("ops", "hub-demo");
        browser.go("/console/connectors");
        assertThat(browser.text(By.cssSelector("#connector-population [data-field=state]"))).isEqualTo("Started");
        // the hub instance that runs it (the only one here): host name and process id
        assertThat(browser.text(By.cssSelector("#connector-population [data-field=runsOn]"))).matches(".+-\\d+");
        browser.waitFor(Duration.ofSeconds(10)).until(d -> browser.text(By.cssSelector("#connector-population [data-field=lagMs]")).matches("\\d+"));
        // changes per second over the last minute, once the live refresh has sampled the counts twice
        browser.waitFor(Duration.ofSeconds(10)).until(d -> browser.text(By.cssSelector("#connector-population [data-field=receivedPerSecond]"))
                .matches("\\d+\\.\\d"));
        assertThat(browser.text(By.cssSelector("#connector-population [data-field=appliedPerSecond]"))).matches("\\d+\\.\\d");
        // times as everywhere in the console (Beijing time to the second), also after the live refresh rewrote the cells
        assertThat(browser.text(By.cssSelector("#connector-population [data-field=lastEventAt]")))
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        // the hub's own routes below: running, the ingest hand-over with the changes it took
        assertThat(browser.text(By.cssSelector("#route-verification-replies [data-field=state]"))).isEqualTo("Started");
        assertThat(browser.text(By.cssSelector("#route-post-check-findings [data-field=state]"))).isEqualTo("Started");
        assertThat(browser.text(By.cssSelector("#route-post-check-findings [data-field=retrying]"))).as("retrying no message").isEqualTo("0");
        browser.waitFor(Duration.ofSeconds(10)).until(d ->
                Long.parseLong(browser.text(By.cssSelector("#route-hub-ingest [data-field=exchanges]"))) > 0);
        browser.waitFor(Duration.ofSeconds(10)).until(d -> browser.text(By.cssSelector("#route-hub-ingest [data-field=lastCompletedAt]"))
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"));
        assertThat(browser.driver().findElements(By.id("route-population"))).as("connectors are not listed twice").isEmpty();
        // the live refresh sets the red and green marks with the values, not only the text: marks the values no longer
        // deserve (as when a route stops retrying or a connector is started again) are gone at the next refresh
        By retrying = By.cssSelector("#route-post-check-findings [data-field=retrying]");
        By populationState = By.cssSelector("#connector-population [data-field=state]");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].classList.add('bad');"
                + " arguments[1].classList.replace('ok', 'bad');", browser.driver().findElement(retrying), browser.driver().findElement(populationState));
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElement(retrying).getAttribute("class").contains("bad")
                && d.findElement(populationState).getAttribute("class").equals("state ok"));
        // the hub instances and the files each runs: this one, running, with its files' digest and no drift
        assertThat(browser.text(By.cssSelector("#instances tbody tr [data-field=running]"))).isEqualTo("是");
        assertThat(browser.text(By.cssSelector("#instances tbody tr [data-field=filesDigest]"))).matches("[0-9a-f]{12}");
        assertThat(browser.driver().findElements(By.id("instances-differ"))).isEmpty();
        browser.screenshot("console-connectors");

        // a row with the bureau's legacy sex code lands in quarantine ...
        String rkbh = "RKCON" + TestData.next();
        new JdbcTemplate(departments.dataSource(DemoDepartment.POPULATION)).update("""
                insert into "RK_JBXX" ("RKBH", "GMSFHM", "XM", "XBDM", "MZDM", "CSRQ", "RYZTDM", "GXSJ")
                values (?, ?, '控制台测试', 'F', '01', '19900101', '0', now())""", rkbh, TestData.citizenId());
        Long id = await().atMost(Duration.ofSeconds(60)).until(() -> hub.queryForList(
                "select id from quarantine where connector_id = 'population' and status = 'PENDING' and reason like '%unknown code ''F''%'",
                Long.class), l -> !l.isEmpty()).get(0);
        // ... the integrator teaches the mapping the code and reloads ...
        Path mapping = CONFIG.resolve("mappings/population-person.mapping.yaml");
        Files.writeString(mapping, Files.readString(mapping).replace("version: 1", "version: 2").replace("""
                    codeTable: gb2261-sex
                """, """
                    codes: {"0": UNKNOWN, "1": MALE, "2": FEMALE, "9": UNSPECIFIED, "M": MALE, "F": FEMALE}
                """));
        assertThat(rest.withBasicAuth("integrator", "hub-demo").postForEntity("/api/ingest/config/reload", null, Map.class)
                .getStatusCode().value()).isEqualTo(200);
        // ... and the operator replays it from the quarantine page
        browser.go("/console/quarantine?connector=population");
        assertThat(browser.text(By.id("q-" + id))).contains("unknown code 'F'").doesNotContain("控制台测试");
        browser.screenshot("console-quarantine");
        browser.driver().findElement(By.id("select-" + id)).click();
        browser.driver().findElement(By.id("replay-selected")).click();
        browser.waitFor(Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("replay-result")).isEmpty());
        assertThat(browser.text(By.id("replay-result"))).isEqualTo("已重放 1 条，仍失败 0 条");
        assertThat(browser.driver().findElements(By.id("q-" + id))).isEmpty();
        assertThat(hub.queryForObject("select status from quarantine where id = ?", String.class, id)).isEqualTo("REPLAYED");
    }

    /**
     * An operator replays several quarantined records at once from the quarantine page, after the integrator taught the
     * mapping their code: both are replayed (page, database), audited, and the quarantine gauge follows.
     */
    @Test
    void anOperatorReplaysTwoQuarantinedRecordsAtOnce() throws IOException {
        JdbcTemplate population = new JdbcTemplate(departments.dataSource(DemoDepartment.POPULATION));
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String rkbh = "RKTWO" + TestData.next();
            population.update("""
                    insert into "RK_JBXX" ("RKBH", "GMSFHM", "XM", "XBDM", "MZDM", "CSRQ", "RYZTDM", "GXSJ")
                    values (?, ?, '重放测试', 'W', '01', '19900101', '0', now())""", rkbh, TestData.citizenId());
        }
        ids.addAll(await().atMost(Duration.ofSeconds(60)).until(() -> hub.queryForList(
                "select id from quarantine where connector_id = 'population' and status = 'PENDING' and reason like '%unknown code ''W''%'",
                Long.class), l -> l.size() == 2));
        // operators' gauge of the quarantine follows the records waiting in it
        await().atMost(Duration.ofSeconds(15)).until(() -> pendingGauge() == pendingRows());
        long quarantined = pendingRows();

        // the integrator teaches the mapping the code (whether or not another test taught it others) and reloads
        Path mapping = CONFIG.resolve("mappings/population-person.mapping.yaml");
        String original = Files.readString(mapping);
        int version = Integer.parseInt(original.replaceAll("(?s).*\nversion: (\\d+).*", "$1"));
        String taught = original.replace("version: " + version, "version: " + (version + 1));
        taught = taught.contains("codeTable: gb2261-sex")
                ? taught.replace("codeTable: gb2261-sex", "codes: {\"0\": UNKNOWN, \"1\": MALE, \"2\": FEMALE, \"9\": UNSPECIFIED, \"W\": FEMALE}")
                : taught.replace("\"9\": UNSPECIFIED,", "\"9\": UNSPECIFIED, \"W\": FEMALE,");
        Files.writeString(mapping, taught);
        try {
            assertThat(rest.withBasicAuth("integrator", "hub-demo").postForEntity("/api/ingest/config/reload", null, Map.class)
                    .getStatusCode().value()).isEqualTo(200);

            browser.login("ops", "hub-demo");
            browser.go("/console/quarantine?connector=population");
            for (Long id : ids) {
                browser.driver().findElement(By.id("select-" + id)).click();
            }
            browser.driver().findElement(By.id("replay-selected")).click();
            browser.waitFor(Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("replay-result")).isEmpty());
            assertThat(browser.text(By.id("replay-result"))).isEqualTo("已重放 2 条，仍失败 0 条");
        } finally {
            // as found, for the other test that teaches the mapping a code of its own
            Files.writeString(mapping, original);
            rest.withBasicAuth("integrator", "hub-demo").postForEntity("/api/ingest/config/reload", null, Map.class);
        }
        for (Long id : ids) {
            assertThat(browser.driver().findElements(By.id("q-" + id))).isEmpty();
            assertThat(hub.queryForObject("select status from quarantine where id = ?", String.class, id)).isEqualTo("REPLAYED");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject("""
                select count(*) from (select actor, action, detail from audit_log union all select actor, action, detail from audit_pending) a
                where actor = 'ops' and action = 'QUARANTINE_REPLAYED' and detail::jsonb->>'replayed' = '2'""", Long.class) >= 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> pendingGauge() == pendingRows());
        assertThat(pendingRows()).isLessThanOrEqualTo(quarantined - 2);
    }

    long pendingRows() {
        return hub.queryForObject("select count(*) from quarantine where connector_id = 'population' and status = 'PENDING'", Long.class);
    }

    long pendingGauge() {
        return (long) Prometheus.scrape(rest).valueOrZero("hub_ingest_quarantine_pending", "connector=\"population\"");
    }

    /**
     * An operator pauses a connector from the page: shown paused, {@code hub_connector_up} 0 and the connectors' health
     * component DOWN within seconds; resumed, all back up; both audited. Another action is a bad request; an auditor or a
     * window agent posting the same is refused and changes nothing.
     */
    @Test
    void anOperatorPausesAndResumesAConnectorWhichOthersCannot() {
        String connector = "credit";
        await().atMost(Duration.ofSeconds(60)).until(() -> "Started".equals(connectorState(connector)));
        browser.login("ops", "hub-demo");
        browser.go("/console/connectors");
        String stateCell = "#connector-" + connector + " [data-field=state]";
        assertThat(browser.text(By.cssSelector(stateCell))).isEqualTo("Started");
        assertThat(browser.text(By.id("toggle-" + connector))).isEqualTo("暂停");
        try {
            browser.driver().findElement(By.id("toggle-" + connector)).click();
            browser.waitFor(LIVE).until(d -> !browser.text(By.cssSelector(stateCell)).equals("Started"));
            browser.waitFor(LIVE).until(d -> browser.text(By.id("toggle-" + connector)).equals("恢复"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(Prometheus.scrape(rest).value("hub_connector_up", "connector=\"" + connector + "\"")).isEqualTo(0.0);
                assertThat(health()).containsEntry("status", "DOWN");
            });
            assertThat(((Map) ((Map) health().get("details")).get(connector))).containsEntry("paused", true);
            await().atMost(Duration.ofSeconds(10)).until(() -> audited("ops", "CONNECTOR_PAUSED", connector) == 1);

            browser.driver().findElement(By.id("toggle-" + connector)).click();
            browser.waitFor(LIVE).until(d -> browser.text(By.cssSelector(stateCell)).equals("Started"));
            assertThat(browser.text(By.id("toggle-" + connector))).isEqualTo("暂停");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(Prometheus.scrape(rest).value("hub_connector_up", "connector=\"" + connector + "\"")).isEqualTo(1.0);
                assertThat(health()).containsEntry("status", "UP");
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> audited("ops", "CONNECTOR_RESUMED", connector) == 1);
            // paused elsewhere (the API), the open page's button follows with the live refresh, and back
            rest.withBasicAuth("ops", "hub-demo").postForEntity("/api/ingest/connectors/" + connector + "/pause", null, Map.class);
            browser.waitFor(LIVE).until(d -> browser.text(By.id("toggle-" + connector)).equals("恢复"));
            assertThat(browser.driver().findElement(By.cssSelector("#connector-" + connector + " form[data-toggle]")).getAttribute("action"))
                    .endsWith("/console/connectors/" + connector + "/resume");
            rest.withBasicAuth("ops", "hub-demo").postForEntity("/api/ingest/connectors/" + connector + "/resume", null, Map.class);
            browser.waitFor(LIVE).until(d -> browser.text(By.id("toggle-" + connector)).equals("暂停"));
            // only pause and resume: anything else is a bad request, not a resume
            assertThat(postFromPage("/console/connectors/" + connector + "/restart")).isEqualTo(400);
        } finally {
            if (!"Started".equals(connectorState(connector))) {
                rest.withBasicAuth("ops", "hub-demo").postForEntity("/api/ingest/connectors/" + connector + "/resume", null, Map.class);
            }
        }
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/login"));

        // an auditor and a window agent may not, from a page of theirs with its form token
        for (String user : List.of("auditor", "window.agent")) {
            browser.login(user, "hub-demo");
            assertThat(postFromPage("/console/connectors/" + connector + "/pause")).as(user).isEqualTo(403);
            assertThat(connectorState(connector)).isEqualTo("Started");
            assertThat(audited(user, "CONNECTOR_PAUSED", connector)).isZero();
            browser.driver().findElement(By.id("logout")).click();
            browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/login"));
        }
    }

    Map health() {
        return rest.withBasicAuth("ops", "hub-demo").getForObject("/actuator/health/connectors", Map.class);
    }

    String connectorState(String connector) {
        return ((Map<?, ?>) ((Map) health().get("details")).get(connector)).get("state").toString();
    }

    long audited(String actor, String action, String connector) {
        return hub.queryForObject("""
                select count(*) from (select actor, action, detail from audit_log union all select actor, action, detail from audit_pending) a
                where actor = ? and action = ? and detail::jsonb->>'connector' = ?""", Long.class, actor, action, connector);
    }

    /** The status of a form post the page's own script could make: with the page's CSRF token, as the logged-in user. */
    int postFromPage(String path) {
        Object status = ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('meta[name=_csrf]').content;
                const header = document.querySelector('meta[name=_csrf_header]').content;
                fetch(arguments[0], {method: 'POST', headers: {[header]: token}, redirect: 'manual'})
                    .then(r => done(r.type === 'opaqueredirect' ? 302 : r.status), e => done(-1));""", path);
        return ((Number) status).intValue();
    }

    @Test
    void anIntegratorValidatesTheFilesBeforeApplyingThemFromTheConsole() throws Exception {
        Path broken = CONFIG.resolve("mappings/broken.mapping.yaml");
        Files.writeString(broken, "id: broken\nsource: [not closed\n");
        try {
            browser.login("integrator", "hub-demo");
            browser.go("/console/connectors?lang=zh_CN");
            browser.driver().findElement(By.id("config-validate")).click();
            browser.waitFor(Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("config-problems")).isEmpty());
            assertThat(browser.text(By.id("config-problems"))).contains("配置文件有误", "broken.mapping.yaml");
            // applying them is refused, with the same problems, and changes nothing
            browser.driver().findElement(By.id("config-reload")).click();
            browser.waitFor(Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("config-reload-refused")).isEmpty());
            assertThat(browser.text(By.id("config-problems"))).contains("broken.mapping.yaml");
        } finally {
            Files.deleteIfExists(broken);
        }
        browser.driver().findElement(By.id("config-validate")).click();
        browser.waitFor(Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("config-valid")).isEmpty());
        browser.driver().findElement(By.id("config-reload")).click();
        browser.waitFor(Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("config-reloaded")).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject("""
                select count(*) from (select actor, action from audit_log union all select actor, action from audit_pending) a
                where actor = 'integrator' and action = 'CONFIGURATION_RELOADED'""", Long.class) >= 1);
        // operators watch, integrators configure
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/login"));
        browser.login("ops", "hub-demo");
        browser.go("/console/connectors");
        assertThat(browser.driver().findElements(By.id("config"))).isEmpty();
    }

    @Test
    void eachRoleSeesOnlyItsPagesAndTheConsoleSpeaksEnglishOnRequest() {
        browser.login("window.agent", "hub-demo");
        assertThat(browser.driver().findElements(By.id("nav-connectors"))).isEmpty();
        browser.go("/console/connectors");
        assertThat(browser.text(By.id("forbidden"))).isEqualTo("无权访问");
        browser.go("/console/list?lang=en");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Certificate-free list");
        assertThat(browser.text(By.id("list-version"))).startsWith("Version 2026.1");
        browser.screenshot("console-list-en");
        browser.go("/console/list?lang=zh_CN");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("无证明事项清单");
    }

    @Test
    void anAdministratorCreatesAnAccountWhoseHolderChangesTheTemporaryPasswordAtTheFirstLogin() {
        String username = "console.agent" + TestData.next();
        browser.login("admin", "hub-demo");
        assertThat(browser.text(By.id("home-locked"))).as("administrators see locked accounts waiting").contains("被锁定的账户");
        browser.driver().findElement(By.id("nav-accounts")).click();
        browser.driver().findElement(By.id("new-username")).sendKeys(username);
        browser.driver().findElement(By.id("new-name")).sendKeys("林晓燕");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("new-unit"))).selectByValue("GAJ");
        browser.driver().findElement(By.id("new-role-AGENT")).click();
        browser.driver().findElement(By.id("new-password")).sendKeys("short");
        browser.driver().findElement(By.id("account-create")).click();
        // a weak password is refused with what it lacks, and the form keeps the rest
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("accounts-problem")).isEmpty());
        assertThat(browser.text(By.id("accounts-problem"))).contains("at least 10 characters");
        assertThat(browser.driver().findElement(By.id("new-username")).getAttribute("value")).isEqualTo(username);
        browser.driver().findElement(By.id("new-role-AGENT")).click();
        browser.driver().findElement(By.id("new-password")).sendKeys("Temp-Pass-2026");
        browser.driver().findElement(By.id("account-create")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("accounts-done")).isEmpty());
        assertThat(browser.text(By.id("accounts-done"))).contains(username);
        assertThat(browser.text(By.id("account-" + username))).contains("林晓燕").contains("GAJ").contains("AGENT").contains("须修改密码");
        browser.screenshot("console-accounts");
        // the unit filter applies itself when chosen (console.js: the pages' Content-Security-Policy allows no inline handler)
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("accounts-unit"))).selectByValue("MZJ");
        browser.waitFor(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("unit=MZJ"));
        assertThat(browser.driver().findElements(By.id("account-" + username))).isEmpty();
        assertThat(browser.text(By.id("accounts-table"))).contains("mzj.agent");
        assertThat(rest.getForEntity("/login", String.class).getHeaders().getFirst("Content-Security-Policy"))
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
        browser.driver().findElement(By.id("logout")).click();

        // the temporary password leads its holder to change it before anything else
        browser.go("/login");
        browser.driver().findElement(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys("Temp-Pass-2026");
        browser.driver().findElement(By.id("login-submit")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/login/password"));
        assertThat(browser.text(By.id("password-expired"))).contains("管理员设置");
        browser.driver().findElement(By.id("pw-username")).sendKeys(username);
        browser.driver().findElement(By.id("pw-current")).sendKeys("Temp-Pass-2026");
        browser.driver().findElement(By.id("pw-new")).sendKeys("Linxy-Window-2026");
        browser.driver().findElement(By.id("pw-repeat")).sendKeys("Linxy-Window-2026");
        browser.driver().findElement(By.id("pw-submit")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/login?changed"));
        browser.login(username, "Linxy-Window-2026");
        assertThat(browser.text(By.id("roles"))).contains("AGENT");
        assertThat(browser.driver().findElements(By.id("nav-accounts"))).as("an agent keeps no accounts").isEmpty();
        browser.go("/console/admin/accounts");
        assertThat(browser.text(By.id("forbidden"))).isEqualTo("无权访问");
    }

    @Test
    void aSupervisorMarksAnAgentAwayAndBackAndAnIntegratorChecksARoster() {
        browser.login("mzj.supervisor", "hub-demo");
        browser.driver().findElement(By.id("nav-roster")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("post-mzj.agent")).isEmpty());
        assertThat(browser.text(By.id("post-mzj.agent"))).contains("在岗");
        assertThat(browser.driver().findElements(By.id("roster-GAJ"))).as("the own unit only").isEmpty();
        browser.driver().findElement(By.id("toggle-mzj.agent")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("roster-done")).isEmpty());
        assertThat(browser.text(By.id("post-mzj.agent"))).contains("外出");
        assertThat(browser.text(By.id("roster-MZJ"))).contains("在岗代办员：mzj.agent.b");
        browser.screenshot("console-roster");
        browser.driver().findElement(By.id("toggle-mzj.agent")).click();
        browser.waitFor(Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("post-mzj.agent")).getText().contains("在岗"));
        assertThat(browser.driver().findElements(By.id("toggle-mzj.supervisor"))).as("a supervisor is not marked away").isEmpty();
        browser.driver().findElement(By.id("logout")).click();

        // an integrator sees every unit and checks a roster before applying it: a wrong one is refused naming the problem
        browser.login("integrator", "hub-demo");
        browser.go("/console/roster");
        assertThat(browser.driver().findElements(By.id("roster-GAJ"))).hasSize(1);
        assertThat(browser.driver().findElements(By.id("toggle-gaj.agent"))).as("reads, does not mark").isEmpty();
        String roster = "units:\n  - unit: MZJ\n    supervisor: mzj.supervisor\n    pairs:\n      - {a: mzj.agent, b: %s}\n";
        browser.driver().findElement(By.id("roster-yaml")).sendKeys(roster.formatted("no.such.agent"));
        browser.driver().findElement(By.id("roster-check")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("roster-problem")).isEmpty());
        assertThat(browser.text(By.id("roster-problem"))).contains("no.such.agent");
        browser.driver().findElement(By.id("roster-yaml")).clear();
        browser.driver().findElement(By.id("roster-yaml")).sendKeys(roster.formatted("mzj.agent.b"));
        browser.driver().findElement(By.id("roster-submit")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("roster-done")).isEmpty());
        assertThat(browser.text(By.id("roster-done"))).contains("已应用");
        assertThat(browser.text(By.id("roster-MZJ"))).contains("mzj.agent.b");
    }

    @Test
    void anAuditorFindsWhoLookedAtACitizen() {
        String id = new JdbcTemplate(departments.dataSource(DemoDepartment.POPULATION)).queryForObject(
                "select \"GMSFHM\" from \"RK_JBXX\" where \"RKBH\" not in (select source_key from _demo_defect) order by \"RKBH\" limit 1", String.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> rest.withBasicAuth("window.agent", "hub-demo")
                .getForEntity("/api/canonical/Person/" + id + "?purpose=控制台审计测试", Map.class).getStatusCode().value() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject(
                "select count(*) from audit_log where purpose = '控制台审计测试'", Long.class) > 0);
        browser.login("auditor", "hub-demo");
        browser.go("/console/audit");
        browser.driver().findElement(By.id("audit-subject")).sendKeys(id);
        browser.driver().findElement(By.id("audit-search")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("audit")).isEmpty());
        assertThat(browser.text(By.id("audit"))).contains("window.agent").contains("控制台审计测试").doesNotContain(id);
        // the subject was posted: it is in no URL (address bar, history, any link) and nowhere on the page
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(id).doesNotContain("subject");
        assertThat(browser.driver().getPageSource()).doesNotContain(id);
        // how many it found, all on this page: nothing cut silently, no next page
        assertThat(browser.text(By.id("audit-shown"))).matches("最新的在前：显示第 1–(\\d+) 条，共 \\1 条。");
        assertThat(browser.driver().findElements(By.id("audit-more"))).isEmpty();
        browser.screenshot("console-audit");

        // who looked: the reads of personal data only — the auditor's own searches just now are not among them
        browser.driver().findElement(By.id("audit-subject")).sendKeys(id);
        browser.driver().findElement(By.id("audit-reads")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("audit-reads-list")).isEmpty());
        assertThat(browser.text(By.id("audit-reads-list"))).contains("window.agent", "控制台审计测试", "RECORD_READ", "kind: Person")
                .doesNotContain("AUDIT_SEARCHED").doesNotContain(id);
        // (though the auditor's searches name the same subject)
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject("select count(*) from audit_log a join audit_log r on r.subject_hash = a.subject_hash "
                + "where a.action = 'AUDIT_SEARCHED' and a.actor = 'auditor' and r.purpose = '控制台审计测试'", Long.class) > 0);
        assertThat(browser.driver().getPageSource()).doesNotContain(id);
        whoLookedAtABusySubjectIsPaged();

        // a time window in Beijing time, [from, to), to the second: around the reads it finds them, after them nothing
        List<java.time.Instant> times = hub.queryForList("select at from audit_log where purpose = '控制台审计测试' order by seq", java.sql.Timestamp.class)
                .stream().map(java.sql.Timestamp::toInstant).toList();
        java.time.Instant first = times.get(0).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.time.Instant afterLast = times.get(times.size() - 1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        auditWindow(id, first, afterLast);
        assertThat(browser.text(By.id("audit"))).contains("控制台审计测试");
        assertThat(browser.driver().findElement(By.id("audit-from")).getAttribute("value")).startsWith(beijing(first).substring(0, 16));
        auditWindow(id, afterLast, afterLast.plusSeconds(3600));
        assertThat(browser.text(By.id("audit"))).doesNotContain("控制台审计测试");
        auditWindow(id, first.minusSeconds(3600), first);
        assertThat(browser.text(By.id("audit"))).doesNotContain("控制台审计测试");

        // the chain's integrity, checked from the page: the whole chain and its signed checkpoints, the check itself recorded
        browser.driver().findElement(By.id("audit-checkpoint")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("audit-signed")).isEmpty());
        Long signed = hub.queryForObject("select max(seq) from audit_checkpoint", Long.class);
        assertThat(signed).isNotNull();
        assertThat(browser.text(By.id("audit-chain-state"))).contains("第 " + signed + " 条");
        browser.driver().findElement(By.id("audit-verify")).click();
        browser.waitFor(Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("audit-checked")).isEmpty());
        assertThat(browser.text(By.id("audit-checked"))).startsWith("审计链完整").contains("个签名检查点有效");
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject("""
                select count(*) from (select action, actor from audit_log union all select action, actor from audit_pending) a
                where action = 'AUDIT_CHAIN_VERIFIED' and actor = 'auditor'""", Long.class) >= 1);
    }

    /**
     * More reads than the page holds: the newest first, with how many of how many; the next page, posted with the subject as
     * its keyed hash in a hidden field (in no URL, and the subject itself nowhere on the page), continues with the oldest.
     */
    void whoLookedAtABusySubjectIsPaged() {
        // a page and one more of a window agent's reads of someone, recorded as the hub records every read (faster than reading 501 times)
        String busy = TestData.citizenId();
        String busyHash = protection.keyedHash(busy);
        int total = AuditConsoleController.SHOWN + 1;
        for (int i = 0; i < total; i++) {
            audit.append(new org.proofhub.hub.audit.AuditLog.Entry("window.agent", "ZWFWZX", "RECORD_READ", busyHash, "控制台翻页测试", Map.of("kind", "Person")));
        }
        List<Long> newestFirst = await().atMost(Duration.ofSeconds(30)).until(() -> hub.queryForList(
                "select seq from audit_log where subject_hash = ? and action = 'RECORD_READ' order by seq desc", Long.class, busyHash), l -> l.size() == total);

        browser.driver().findElement(By.id("audit-subject")).sendKeys(busy);
        browser.driver().findElement(By.id("audit-reads")).click();
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("audit-reads-list")).isEmpty());
        assertThat(browser.text(By.id("audit-shown"))).isEqualTo("最新的在前：显示第 1–500 条，共 501 条。");
        assertThat(browser.driver().findElements(By.cssSelector("#audit-reads-list tbody tr"))).hasSize(AuditConsoleController.SHOWN);
        assertThat(browser.driver().findElements(By.cssSelector("#audit-reads-list tbody tr td.num"))).extracting(org.openqa.selenium.WebElement::getText)
                .as("the newest").containsExactlyElementsOf(newestFirst.subList(0, AuditConsoleController.SHOWN).stream().map(String::valueOf).toList());
        assertThat(browser.driver().getPageSource()).doesNotContain(busy);

        org.openqa.selenium.WebElement more = browser.driver().findElement(By.id("audit-more"));
        more.click();
        browser.waitFor(Duration.ofSeconds(10)).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(more));
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("audit-reads-list")).isEmpty());
        assertThat(browser.text(By.id("audit-shown"))).isEqualTo("最新的在前：显示第 501–501 条，共 501 条。");
        List<String> shown = browser.driver().findElements(By.cssSelector("#audit-reads-list tbody tr td.num")).stream()
                .map(org.openqa.selenium.WebElement::getText).toList();
        assertThat(shown).as("the oldest, the one the first page left").containsExactly(String.valueOf(newestFirst.get(total - 1)));
        assertThat(browser.driver().findElements(By.id("audit-more"))).as("the last page").isEmpty();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(busy).doesNotContain("subject").doesNotContain(busyHash);
        assertThat(browser.driver().getPageSource()).doesNotContain(busy);
        // each page the auditor asked for is one search recorded
        assertThat(hub.queryForObject("""
                select count(*) from (select actor, action, subject_hash from audit_log union all select actor, action, subject_hash from audit_pending) a
                where action = 'AUDIT_SEARCHED' and actor = 'auditor' and subject_hash = ?""", Long.class, busyHash)).isEqualTo(2);
    }

    /** The auditor's search for the subject's record reads in [from, to), both typed as the page's Beijing-time inputs. */
    void auditWindow(String subject, java.time.Instant from, java.time.Instant to) {
        browser.driver().findElement(By.id("audit-subject")).sendKeys(subject);
        org.openqa.selenium.WebElement action = browser.driver().findElement(By.id("audit-action"));
        action.clear();
        action.sendKeys("RECORD_READ");
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser.driver();
        js.executeScript("arguments[0].value = arguments[1]", browser.driver().findElement(By.id("audit-from")), beijing(from));
        js.executeScript("arguments[0].value = arguments[1]", browser.driver().findElement(By.id("audit-to")), beijing(to));
        org.openqa.selenium.WebElement old = browser.driver().findElement(By.id("audit-search"));
        old.click();
        browser.waitFor(Duration.ofSeconds(10)).until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(old));
        browser.waitFor(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("audit")).isEmpty());
    }

    static String beijing(java.time.Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(java.time.ZoneId.of("Asia/Shanghai")).format(at);
    }

    /**
     * Findings a department's system sent over JMS that the hub refused: the sending unit's agent sees its own with the
     * reason, another unit's agent does not, and an operator sees all of them, the unreadable message too.
     */
    @Test
    void refusedFindingsAreShownToTheSendingUnitAndToOperators() throws Exception {
        String n = String.valueOf(TestData.next());
        String unreadable = "不是 JSON " + n;
        sendFinding(unreadable);
        sendFinding("""
                {"messageId": "F-console-%s", "checkId": "PC-none-%s", "unit": "GAJ", "result": "CONFIRMED", "checkedBy": "王警官"}"""
                .formatted(n, n));
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.queryForObject(
                "select count(*) from post_check_finding_message where not accepted and (message_id = ? or body = ?)", Long.class,
                "F-console-" + n, unreadable.getBytes(java.nio.charset.StandardCharsets.UTF_8)) == 2);

        browser.login("gaj.agent", "hub-demo");
        browser.driver().findElement(By.id("nav-findings")).click();
        assertThat(browser.text(By.id("f-F-console-" + n))).contains("PC-none-" + n).contains("GAJ");
        assertThat(browser.text(By.id("findings"))).doesNotContain("unreadable-");
        browser.screenshot("console-findings-unit");

        browser.login("mzj.agent", "hub-demo");
        browser.go("/console/findings");
        assertThat(browser.driver().findElements(By.id("f-F-console-" + n))).isEmpty();

        browser.login("ops", "hub-demo");
        browser.go("/console/findings?lang=en");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Refused post-check findings");
        assertThat(browser.driver().findElements(By.id("f-F-console-" + n))).hasSize(1);
        assertThat(browser.text(By.id("findings"))).contains("unreadable-").contains("not JSON");

        browser.login("auditor", "hub-demo");
        assertThat(browser.driver().findElements(By.id("nav-findings"))).isEmpty();
        // the language chosen above stays with the browser until changed back
        browser.go("/console/findings?lang=zh_CN");
        assertThat(browser.text(By.id("forbidden"))).isEqualTo("无权访问");
    }

    private void sendFinding(String text) throws jakarta.jms.JMSException {
        try (jakarta.jms.Connection c = connectionFactory.createConnection()) {
            jakarta.jms.Session session = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(org.proofhub.hub.commitment.internal.PostChecks.FINDINGS))
                    .send(session.createTextMessage(text));
        }
    }
}
