package org.proofhub.hub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.proofhub.hub.support.BrowserIT;
import org.proofhub.hub.support.Prometheus;
import org.proofhub.hub.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The seal page in a real headless Chromium: an operator sees the seals with their expiry and changes nothing; an administrator
 * rotates a seal to SM2 (the new one in use, the old one kept for earlier proofs) and revokes it with its reason, audited;
 * the seal-expiry gauge follows each change.
 */
class SealConsoleIT extends BrowserIT {
    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate hub;

    /** {@code hub_seal_expiry_days} of the seal as Prometheus reads it; null when not reported. */
    Double expiryDays(String seal) {
        return Prometheus.scrape(rest).value("hub_seal_expiry_days", "seal=\"" + seal + "\"");
    }

    @Test
    void anAdministratorRotatesAndRevokesASealAndAnOperatorOnlyReads() {
        // a seal of a unit of this test's own, so that no other test's proofs change seal
        String unit = "SEALT" + TestData.next();
        ResponseEntity<Map> created = rest.withBasicAuth("admin", PASSWORD).postForEntity("/api/seals",
                Map.of("purpose", "VERIFICATION", "unitCode", unit, "algorithm", "ECDSA_P256_SHA256"), Map.class);
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(200);
        String first = created.getBody().get("id").toString();
        // the expiry gauge reports a new seal at once
        assertThat(expiryDays(first)).isPositive();

        browser.login("ops", PASSWORD);
        browser.driver().findElement(By.id("nav-seals")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("seal-" + first)).isEmpty());
        assertThat(browser.text(By.id("seal-" + first))).contains("电子证明核实信息专用章", unit, "在用");
        assertThat(browser.driver().findElements(By.id("rotate-" + first))).as("operators only read").isEmpty();
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/login"));

        browser.login("admin", PASSWORD);
        browser.go("/console/seals");
        new Select(browser.driver().findElement(By.id("rotate-algorithm-" + first))).selectByValue("SM2_SM3");
        browser.driver().findElement(By.id("rotate-" + first)).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("seals-rotated")).isEmpty());
        String second = hub.queryForObject("select detail::jsonb->>'seal' from (select detail, action from audit_pending union all "
                + "select detail, action from audit_log) a where action = 'SEAL_ROTATED' and detail like ?", String.class, "%" + unit + "%");
        assertThat(browser.text(By.id("seals-rotated"))).contains(second);
        assertThat(browser.text(By.id("seal-" + second))).contains("SM2_SM3", "在用");
        assertThat(browser.text(By.id("seal-" + first))).contains("已轮换");
        // the expiry gauge follows the rotation: the new seal is reported, the retired one no longer
        assertThat(expiryDays(second)).as("the new seal's days").isPositive();
        assertThat(expiryDays(first)).as("the retired seal").isNull();

        browser.driver().findElement(By.cssSelector("#seal-" + second + " details summary")).click();
        new Select(browser.driver().findElement(By.id("revoke-reason-" + second))).selectByValue("CESSATION_OF_OPERATION");
        browser.driver().findElement(By.id("revoke-" + second)).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("seals-revoked")).isEmpty());
        assertThat(browser.text(By.id("seal-" + second))).contains("已吊销");
        assertThat(browser.driver().findElements(By.id("rotate-" + second))).as("a revoked seal seals nothing").isEmpty();
        assertThat(expiryDays(second)).as("a revoked seal expires for no one").isNull();
        assertThat(hub.queryForObject("""
                select count(*) from (select detail, action, actor from audit_pending union all select detail, action, actor from audit_log) a
                where action = 'SEAL_REVOKED' and actor = 'admin' and detail like ?""", Long.class, "%" + second + "%")).isEqualTo(1);
    }
}
