package org.proofhub.hub.support;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Base of the console's browser tests: the whole hub as {@link HubIT} runs it, and a fresh headless Chromium per test. */
public abstract class BrowserIT extends HubIT {
    /** The demo accounts' password. */
    protected static final String PASSWORD = "hub-demo";
    /** How long a page may take to show what a click or a server-sent event changed. */
    protected static final Duration LIVE = Duration.ofSeconds(15);

    @LocalServerPort
    protected int port;
    protected Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(port);
    }

    @AfterEach
    void closeBrowser() {
        // null when the browser is missing and the test was skipped
        if (browser != null) {
            browser.close();
        }
    }
}
