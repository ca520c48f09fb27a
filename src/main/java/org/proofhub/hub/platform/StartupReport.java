package org.proofhub.hub.platform;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/** Prints where to look once the hub is ready: URLs, the data directory and how to log in. */
class StartupReport implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final HubProperties properties;
    private final List<StartupNote> notes;

    StartupReport(HubProperties properties, List<StartupNote> notes) {
        this.properties = properties;
        this.notes = notes;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null
                ? web.getWebServer().getPort() : -1;
        String base = "http://localhost:" + port;
        long readyMs = event.getTimeTaken() == null ? -1 : event.getTimeTaken().toMillis();
        List<String> lines = new ArrayList<>();
        lines.add("Proof Hub is ready in " + readyMs + " ms");
        lines.add("  API            " + base + "/api");
        lines.add("  OpenAPI / UI   " + base + "/v3/api-docs  " + base + "/swagger-ui.html");
        lines.add("  Health         " + base + "/actuator/health");
        lines.add("  Metrics        " + base + "/actuator/prometheus");
        lines.add("  Console        " + base + "/console");
        lines.add("  Data directory " + properties.dataPath());
        notes.forEach(n -> lines.addAll(n.lines(base)));
        log.info("\n\n{}\n", String.join("\n", lines));
    }
}
