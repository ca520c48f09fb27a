package org.proofhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.CanonicalRecord;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.ingest.internal.IngestConfigLoader;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.RunDirectories;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The walk-through in docs/adding-a-source.md, with its real example files, on a running hub: two files and one
 * line of authority.yaml, validated and applied with {@code POST /api/ingest/config/reload}, add the housing
 * bureau's CSV drops as a source, with no Java change and no restart; removing the file again stops it.
 */
class AddingASourceIT extends HubIT {
    static final Path EXAMPLE = Path.of("docs", "examples", "adding-a-source").toAbsolutePath();
    static final Path CONFIG = RunDirectories.next("it-config", "adding-");
    static final Path DROP = CONFIG.resolve("drop");
    /** Step 3 of the guide, applied exactly as the guide shows it. */
    static final String AUTHORITY_BEFORE = "  Licence:\n    owner: e-licence\n";
    static final String AUTHORITY_AFTER = "  Licence:\n    owners: [e-licence, housing-qualification]\n";
    static final String CONNECTOR_FILE = "connectors/housing-qualification.connector.yaml";

    /** The hub starts from a copy of the repository's configuration, without the new source. */
    @DynamicPropertySource
    static void configurationToAddTheSourceTo(DynamicPropertyRegistry registry) {
        try {
            for (String dir : List.of("connectors", "mappings", "routes", "proofs", "list")) {
                FileSystemUtils.copyRecursively(Path.of(dir), CONFIG.resolve(dir));
            }
            Files.createDirectories(DROP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("hub.ingest.config-directory", CONFIG::toString);
        registry.add("HOUSING_DROP_DIR", DROP::toString);
    }

    @Autowired
    CanonicalRecords records;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    CamelContext camel;

    @Test
    void aSourceAddedToTheRunningHubTurnsDroppedCsvFilesIntoLicences() throws IOException {
        assertThat(state()).as("not a connector yet").isNull();
        addTheExampleFiles();
        var env = new MockEnvironment().withProperty("hub.data-dir", "target/data").withProperty("hub.embedded-postgres.actual-port", "5432");
        assertThat(new IngestConfigLoader(env).validate(CONFIG)).isEmpty();

        ResponseEntity<Map> reloaded = reload();
        assertThat(reloaded.getStatusCode().value()).as("%s", reloaded.getBody()).isEqualTo(200);
        assertThat(reloaded.getBody()).containsEntry("valid", true);
        await().atMost(Duration.ofSeconds(30)).until(() -> "Started".equals(state()));

        Path sample = EXAMPLE.resolve("drop/qualification-20261126-0001.csv");
        Files.copy(sample, DROP.resolve("qualification-20261126-0001.csv.tmp"));
        Files.move(DROP.resolve("qualification-20261126-0001.csv.tmp"), DROP.resolve(sample.getFileName()));

        CanonicalRecord licence = await().atMost(Duration.ofSeconds(60))
                .until(() -> records.find("Licence", "JZZZ.11350100MB0098765U.2024.001201.N"), java.util.Optional::isPresent).orElseThrow();
        assertThat(licence.ownerConnector()).isEqualTo("housing-qualification");
        assertThat(licence.payload()).containsEntry("licenceType", "JZZZ").containsEntry("holderType", "ORGANISATION")
                .containsEntry("issueDate", "2024-03-15").containsEntry("validUntil", "2029-03-14").containsEntry("status", "VALID");
        assertThat(licence.sourceLineage().get("housing-qualification")).containsEntry("sourceUnit", "ZJJ")
                .containsEntry("sourceTable", "qualification_certificate");
        assertThat(records.find("Licence", "JZZZ.11350100MB0098765U.2025.000088.R")).isPresent();
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.queryForObject(
                "select count(*) from quarantine where connector_id = 'housing-qualification' and reason like '%check character%'", Long.class) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(DROP.resolve(".done").resolve(sample.getFileName())));
        // the e-licence library's licences keep their own owner
        assertThat(hub.queryForObject("select count(*) from canonical_record where kind = 'Licence' and owner_connector = 'e-licence'", Long.class))
                .isPositive();
        assertThat(hub.queryForObject("select count(*) from audit_log where action = 'CONFIGURATION_RELOADED'", Long.class)).isPositive();

        // a changed property restarts the connector with it
        Path connector = CONFIG.resolve(CONNECTOR_FILE);
        assertThat(camel.getRoute("housing-qualification").getEndpoint().getEndpointUri()).contains("delay=500");
        Files.writeString(connector, Files.readString(connector).replace("pollIntervalMs: 500", "pollIntervalMs: 250"));
        assertThat(reload().getStatusCode().value()).isEqualTo(200);
        assertThat(camel.getRoute("housing-qualification").getEndpoint().getEndpointUri()).contains("delay=250");
        assertThat(state()).isEqualTo("Started");

        // the source is switched off in its file: its route is gone when the reload answers
        Files.writeString(connector, Files.readString(connector) + "\nenabled: false\n");
        assertThat(reload().getStatusCode().value()).isEqualTo(200);
        assertThat(state()).isEqualTo("NotInstalled");
        assertThat(camel.getRoute("housing-qualification")).isNull();
        Map<String, Object> here = thisInstance();
        assertThat(((Number) here.get("generation")).longValue()).as("each reload is counted for the other instances").isEqualTo(generation());
        assertThat(here).containsEntry("running", true).doesNotContainKey("problem");

        // another instance is asked to reload (it counts the reload in the database): this one reads its own files too
        Files.writeString(connector, Files.readString(connector).replace("\nenabled: false\n", ""));
        long asked = reloadAskedElsewhere();
        await().atMost(Duration.ofSeconds(30)).until(() -> "Started".equals(state()));
        await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) thisInstance().get("generation")).longValue() == asked);
        assertThat(thisInstance().get("filesDigest")).as("the digest follows the files").isNotEqualTo(here.get("filesDigest"))
                .asString().matches("[0-9a-f]{64}");

        // files that do not validate here are not applied: the connector keeps running, the instance says why
        Files.writeString(connector, Files.readString(connector).replace("pollIntervalMs: 250", "pollIntervalMs: often"));
        long broken = reloadAskedElsewhere();
        await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) thisInstance().get("generation")).longValue() == broken);
        assertThat(thisInstance()).doesNotContainKey("filesDigest").extractingByKey("problem").asString()
                .contains(CONNECTOR_FILE).contains("pollIntervalMs");
        assertThat(state()).isEqualTo("Started");
        assertThat(camel.getRoute("housing-qualification").getEndpoint().getEndpointUri()).contains("delay=250");
        String metrics = rest.withBasicAuth("ops", "hub-demo").getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).as("what alert IngestConfigDiffers watches").contains("hub_ingest_config_problems{application=\"proof-hub\"} 1.0")
                .contains("hub_ingest_config_digests{application=\"proof-hub\"} 0.0");
    }

    /** What another instance's reload leaves in the database. */
    long reloadAskedElsewhere() {
        return hub.queryForObject("""
                insert into ingest_config_reload (id, generation, requested_by, requested_at) values (1, 1, 'integrator', now())
                on conflict (id) do update set generation = ingest_config_reload.generation + 1 returning generation""", Long.class);
    }

    long generation() {
        return hub.queryForObject("select generation from ingest_config_reload", Long.class);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> thisInstance() {
        List<Map<String, Object>> all = rest.withBasicAuth("ops", "hub-demo").getForObject("/api/ingest/config/instances", List.class);
        return all.stream().filter(i -> Boolean.TRUE.equals(i.get("thisOne"))).findFirst().orElseThrow();
    }

    void addTheExampleFiles() throws IOException {
        FileSystemUtils.copyRecursively(EXAMPLE.resolve("connectors"), CONFIG.resolve("connectors"));
        FileSystemUtils.copyRecursively(EXAMPLE.resolve("mappings"), CONFIG.resolve("mappings"));
        Path authority = CONFIG.resolve("mappings/authority.yaml");
        String text = Files.readString(authority);
        if (!text.contains(AUTHORITY_BEFORE)) {
            throw new IllegalStateException("mappings/authority.yaml changed: update docs/adding-a-source.md step 3 and this test");
        }
        Files.writeString(authority, text.replace(AUTHORITY_BEFORE, AUTHORITY_AFTER));
    }

    ResponseEntity<Map> reload() {
        return rest.withBasicAuth("integrator", "hub-demo").postForEntity("/api/ingest/config/reload", null, Map.class);
    }

    /** The connector's state as operators see it, null while the hub does not know it. */
    @SuppressWarnings("unchecked")
    String state() {
        List<Map<String, Object>> all = rest.withBasicAuth("ops", "hub-demo").getForObject("/api/ingest/connectors", List.class);
        return all.stream().filter(c -> "housing-qualification".equals(c.get("id"))).map(c -> (String) c.get("state")).findFirst().orElse(null);
    }
}
