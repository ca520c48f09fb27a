package org.proofhub.hub.ops.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.proofhub.hub.support.BrowserIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeping the certificate-free list in the console, in a real headless Chromium: an administrator opens a draft, an item that
 * breaks the list's rules is refused with the reason and the text kept, a new item is added and edited as YAML, the draft is
 * published with its cause and governs at once, the version before is superseded in the history; an agent sees the list and
 * its versions but cannot keep it.
 */
class ListConsoleIT extends BrowserIT {

    @Autowired
    JdbcTemplate hub;

    @Test
    void anAdministratorDraftsEditsAndPublishesTheListAndAnAgentOnlyReadsIt() {
        String before = hub.queryForObject("select version from list_version where status = 'PUBLISHED'", String.class);
        String version = "C." + UUID.randomUUID().toString().substring(0, 8);
        String code = "350100-MZ-7" + (100 + (int) (Math.random() * 899));
        browser.login("admin", PASSWORD);
        browser.driver().findElement(By.id("nav-list")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("list-versions")).isEmpty());
        assertThat(browser.text(By.id("version-" + before))).contains("现行");
        browser.driver().findElement(By.id("list-draft-version")).sendKeys(version);
        browser.driver().findElement(By.id("list-draft-submit")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/console/list/drafts/" + version));
        assertThat(browser.text(By.id("draft-done"))).contains("草稿已建立");

        // a commitment in an excluded domain breaks the list's rules: refused with the reason, the text kept to mend
        String item = """
                code: %s
                name: 老年人优待证办理
                kind: INSTANT
                domain: %s
                responsibleUnit: MZJ
                proofs:
                  - proofType: household-registration
                    issuingUnit: GAJ
                    method: %s
                    legalBasis: 《中华人民共和国老年人权益保障法》第五十七条
                """;
        String wrong = item.formatted(code, "PUBLIC_SAFETY", "DECLARATION_COMMITMENT");
        type("draft-new-item", wrong);
        browser.driver().findElement(By.id("draft-new-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("draft-problem")).isEmpty());
        assertThat(browser.text(By.id("draft-problem"))).contains("PUBLIC_SAFETY");
        assertThat(browser.driver().findElement(By.id("draft-new-item")).getAttribute("value")).contains("PUBLIC_SAFETY");
        assertThat(browser.driver().findElements(By.id("draft-item-" + code))).isEmpty();
        // nor under another spelling: a domain is one of the list's codes, and the refusal names them
        type("draft-new-item", item.formatted(code, "公共安全", "DECLARATION_COMMITMENT"));
        browser.driver().findElement(By.id("draft-new-submit")).click();
        browser.waitFor(LIVE).until(d -> browser.text(By.id("draft-problem")).contains("SOCIAL_ASSISTANCE"));
        assertThat(browser.text(By.id("draft-problem"))).contains("domain", "SOCIAL_ASSISTANCE", "PUBLIC_SAFETY");
        assertThat(browser.driver().findElements(By.id("draft-item-" + code))).isEmpty();

        type("draft-new-item", item.formatted(code, "SOCIAL_ASSISTANCE", "DATA_QUERY"));
        browser.driver().findElement(By.id("draft-new-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("draft-item-" + code)).isEmpty());
        assertThat(browser.text(By.id("draft-done"))).contains(code);
        // edited as the YAML it is shown in
        browser.driver().findElement(By.cssSelector("#draft-item-" + code + " details summary")).click();
        String shown = browser.driver().findElement(By.id("edit-" + code)).getAttribute("value");
        assertThat(shown).contains("code: " + code, "method: DATA_QUERY");
        type("edit-" + code, shown.replace("老年人优待证办理", "老年人优待证申领"));
        browser.driver().findElement(By.id("save-" + code)).click();
        browser.waitFor(LIVE).until(d -> browser.text(By.id("draft-item-" + code)).contains("老年人优待证申领"));
        browser.screenshot("console-list-draft");
        assertThat(hub.queryForObject("select version from list_version where status = 'PUBLISHED'", String.class))
                .as("a draft governs nothing").isEqualTo(before);

        browser.driver().findElement(By.id("draft-cause")).sendKeys("市政府常务会议决定新增老年人优待证无证明办理");
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]",
                browser.driver().findElement(By.id("draft-cause-date")), LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        browser.driver().findElement(By.id("draft-publish-submit")).click();
        browser.waitFor(LIVE).until(d -> !d.findElements(By.id("list-published")).isEmpty());
        assertThat(browser.text(By.id("list-version"))).contains(version);
        assertThat(browser.text(By.id("item-" + code))).contains("老年人优待证申领", "社会救助", "household-registration");
        assertThat(browser.text(By.id("version-" + version))).contains("现行", "市政府常务会议决定", "新增 1 项");
        assertThat(browser.text(By.id("version-" + before))).contains("已被替代");
        assertThat(browser.driver().findElements(By.id("list-late"))).as("published on the cause's day").isEmpty();
        assertThat(hub.queryForObject("""
                select count(*) from (select action, detail from audit_log union all select action, detail from audit_pending) a
                where action in ('LIST_DRAFTED', 'LIST_ITEM_SAVED', 'LIST_PUBLISHED') and detail::jsonb->>'version' = ?""", Long.class, version))
                .as("drafted, saved twice, published").isEqualTo(4);
        // an older version is shown as what it is
        browser.driver().findElement(By.cssSelector("#version-" + before.replace(".", "\\.") + " a")).click();
        browser.waitFor(LIVE).until(d -> browser.text(By.id("list-version")).contains("已被替代"));
        browser.driver().findElement(By.id("logout")).click();
        browser.waitFor(LIVE).until(d -> d.getCurrentUrl().contains("/login"));

        // an agent reads the list and its history, and is not offered its upkeep (nor let in)
        browser.login("window.agent", PASSWORD);
        browser.go("/console/list");
        assertThat(browser.text(By.id("version-" + version))).contains("现行");
        assertThat(browser.driver().findElements(By.id("list-maintain"))).isEmpty();
        browser.go("/console/list/drafts/" + version);
        assertThat(browser.text(By.id("forbidden"))).isEqualTo("无权访问");
    }

    /** Sets a text area's content at once (typing YAML key by key into it would be slow and keep the browser's indentation). */
    private void type(String id, String text) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]", browser.driver().findElement(By.id(id)), text);
    }
}
