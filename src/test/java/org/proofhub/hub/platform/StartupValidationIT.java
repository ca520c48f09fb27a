package org.proofhub.hub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.HubApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.util.FileSystemUtils;

/** A broken connector or mapping file stops the hub at start-up with a message naming file and key. */
class StartupValidationIT {

    @Test
    void aBrokenConnectorFileFailsTheStartNamingFileAndKey(@TempDir Path config) throws IOException {
        for (String dir : List.of("connectors", "mappings", "routes", "proofs", "list")) {
            FileSystemUtils.copyRecursively(Path.of(dir), config.resolve(dir));
        }
        Path population = config.resolve("connectors/population.connector.yaml");
        Files.writeString(population, Files.readString(population).replace("slotName: hub_population", "slotName: 42"));
        Path mapping = config.resolve("mappings/legal-person-entity.mapping.yaml");
        Files.writeString(mapping, Files.readString(mapping).replace("check: uscc", "check: usc"));

        assertThatThrownBy(() -> new SpringApplicationBuilder(HubApplication.class).run(
                "--hub.data-dir=" + config.resolve("data"),
                "--server.port=0",
                "--hub.ingest.config-directory=" + config,
                "--hub.demo.persons=200", "--hub.demo.legal-entities=50"))
                .hasStackTraceContaining("connectors/population.connector.yaml: properties.slotName: ")
                .hasStackTraceContaining("mappings/legal-person-entity.mapping.yaml: fields.uscc.check: ");
    }

    @Test
    void theOfflineValidateCommandReportsTheSameProblems(@TempDir Path config) throws IOException, InterruptedException {
        for (String dir : List.of("connectors", "mappings")) {
            FileSystemUtils.copyRecursively(Path.of(dir), config.resolve(dir));
        }
        Path credit = config.resolve("connectors/credit.connector.yaml");
        Files.writeString(credit, Files.readString(credit).replace("type: jdbc-poll", "type: jdbc-pol"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HubApplication.class.getName(), "validate", "--dir", config.toString())
                .redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(1);
        assertThat(out).contains("ERROR connectors/credit.connector.yaml: type: unknown connector type 'jdbc-pol'");

        Files.writeString(credit, Files.readString(credit).replace("type: jdbc-pol", "type: jdbc-poll"));
        Process ok = new ProcessBuilder(pb.command()).redirectErrorStream(true).start();
        String okOut = new String(ok.getInputStream().readAllBytes());
        assertThat(ok.waitFor()).as(okOut).isZero();
        assertThat(okOut).contains("OK: connectors and mappings");
    }
}
