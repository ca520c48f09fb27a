package org.proofhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.support.HubIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The Prometheus alert rules and the Grafana dashboard in deploy/ parse, and every metric they name exists in a running hub. */
class DeployFilesIT extends HubIT {
    static final Pattern METRIC = Pattern.compile("\\b(hub_[a-z_]+)\\b");

    @Autowired
    TestRestTemplate rest;

    @Test
    void alertRulesReferenceMetricsThatExist() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(Path.of("deploy/prometheus/alert-rules.yml").toFile());
        Set<String> used = new TreeSet<>();
        rules.path("groups").forEach(g -> g.path("rules").forEach(r -> {
            assertThat(r.path("alert").asText()).isNotBlank();
            used.addAll(metrics(r.path("expr").asText()));
        }));
        assertThat(used).contains("hub_connector_up", "hub_ingest_lag_milliseconds", "hub_ingest_quarantine_pending", "hub_seal_expiry_days");
        assertExist(used);
    }

    @Test
    void theDashboardReferencesMetricsThatExist() throws IOException {
        JsonNode dash = new ObjectMapper().readTree(Path.of("deploy/grafana/proof-hub-dashboard.json").toFile());
        Set<String> used = new TreeSet<>();
        dash.path("panels").forEach(p -> p.path("targets").forEach(t -> used.addAll(metrics(t.path("expr").asText()))));
        assertThat(used).isNotEmpty();
        assertExist(used);
    }

    void assertExist(Set<String> used) {
        String scrape = rest.withBasicAuth("ops", "hub-demo").getForObject("/actuator/prometheus", String.class);
        assertThat(scrape).as("the prometheus scrape").isNotNull().contains("# TYPE");
        Set<String> exposed = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^# TYPE (hub_[a-z_]+) ").matcher(scrape);
        while (m.find()) {
            exposed.add(m.group(1));
        }
        // a Prometheus counter is exposed as <name>_total; the rules use that name
        assertThat(used).allSatisfy(u -> assertThat(exposed.contains(u) || exposed.contains(u.replaceFirst("_total$", "")) || exposed.contains(u + "_total"))
                .as("%s is exposed by the hub (exposed: %s)", u, exposed).isTrue());
    }

    static Set<String> metrics(String expr) {
        Set<String> out = new TreeSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
