package org.proofhub.hub.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.platform.ConfigProblem;
import org.proofhub.hub.ingest.IngestConfig;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.FileSystemUtils;

/** Every connector, connector type, mapping and code table in the repository validates; broken ones say where. */
class ConfigFilesTest {
    static final Path ROOT = Path.of(".").toAbsolutePath().normalize();

    static MockEnvironment env() {
        return new MockEnvironment().withProperty("hub.data-dir", "target/data").withProperty("hub.embedded-postgres.actual-port", "5432");
    }

    @TestFactory
    Stream<DynamicTest> everyFileInTheRepositoryValidates() throws IOException {
        List<ConfigProblem> problems = new IngestConfigLoader(env()).validate(ROOT);
        try (Stream<Path> files = Stream.concat(Files.walk(ROOT.resolve("connectors")), Files.walk(ROOT.resolve("mappings")))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(f -> ROOT.relativize(f).toString())
                    .map(file -> DynamicTest.dynamicTest(file, () ->
                            assertThat(problems.stream().filter(p -> p.file().equals(file)).map(ConfigProblem::toString)).isEmpty()));
        }
    }

    @Test
    void theRepositoryConfigurationLoadsCompletely() {
        IngestConfig c = new IngestConfigLoader(env()).load(ROOT);
        assertThat(c.types()).containsKeys("debezium-postgres", "jdbc-poll", "file-drop");
        assertThat(c.connectors()).containsKeys("population", "legal-person", "credit", "e-licence");
        assertThat(c.connectors().get("population").type()).isEqualTo("debezium-postgres");
        assertThat(c.connectors().get("credit").type()).isEqualTo("jdbc-poll");
        assertThat(c.connectors().get("e-licence").type()).isEqualTo("file-drop");
        assertThat(c.mappings()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(c.connectors().get("population").property("databasePassword")).isNotBlank();
        assertThat(c.types().get("debezium-postgres").secretProperties()).containsExactly("databasePassword");
    }

    @Test
    void aBrokenConnectorPropertyIsReportedWithFileAndKey(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        replace(dir.resolve("connectors/population.connector.yaml"), "slotName: hub_population", "slotName: Hub-Population!");
        replace(dir.resolve("connectors/legal-person.connector.yaml"), "  tableIncludeList: public.enterprise\n", "  tableIncludeLists: public.enterprise\n");
        List<String> problems = new IngestConfigLoader(env()).validate(dir).stream().map(ConfigProblem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("connectors/population.connector.yaml: properties.slotName: "));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("connectors/legal-person.connector.yaml: properties.tableIncludeLists: ")
                .contains("has no such property"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("connectors/legal-person.connector.yaml: properties.tableIncludeList")
                .contains("required"));
    }

    @Test
    void aBrokenMappingIsReportedWithFileAndKey(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        Path m = dir.resolve("mappings/population-person.mapping.yaml");
        replace(m, "codeTable: gb2261-sex", "codeTable: gb2261-sexes");
        replace(m, "  householdAddress:", "  householdAdress:");
        replace(m, "\"2\": MOVED_OUT", "\"2\": EMIGRATED");
        List<String> problems = new IngestConfigLoader(env()).validate(dir).stream().map(ConfigProblem::toString).toList();
        assertThat(problems).contains(
                "mappings/population-person.mapping.yaml: fields.sex.codeTable: no code table mappings/code-tables/gb2261-sexes.code-table.yaml");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("mappings/population-person.mapping.yaml: fields.householdAdress: Person has no field"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("mappings/population-person.mapping.yaml: fields.status: code '2' maps to 'EMIGRATED'"));
    }

    @Test
    void yamlSyntaxErrorsNameTheLine(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        Files.writeString(dir.resolve("mappings/credit-rating.mapping.yaml"), "id: credit-rating\nfields: [unclosed\n");
        List<String> problems = new IngestConfigLoader(env()).validate(dir).stream().map(ConfigProblem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("mappings/credit-rating.mapping.yaml: line ").contains("not valid YAML"));
    }

    @Test
    void anUnresolvablePlaceholderIsReported(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        replace(dir.resolve("connectors/credit.connector.yaml"), "${CREDIT_DB_USER:hub_cdc}", "${CREDIT_DB_USER_WITHOUT_DEFAULT}");
        List<String> problems = new IngestConfigLoader(new StandardEnvironment()).validate(dir).stream().map(ConfigProblem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("connectors/credit.connector.yaml: properties.username: placeholder cannot be resolved"));
    }

    @Test
    void theMissingAuthorityFileIsReported(@TempDir Path dir) throws IOException {
        copyConfig(dir);
        Files.delete(dir.resolve("mappings/authority.yaml"));
        assertThat(new IngestConfigLoader(env()).validate(dir)).anySatisfy(p -> assertThat(p.file()).isEqualTo("mappings/authority.yaml"));
    }

    static void copyConfig(Path dir) throws IOException {
        FileSystemUtils.copyRecursively(ROOT.resolve("connectors"), dir.resolve("connectors"));
        FileSystemUtils.copyRecursively(ROOT.resolve("mappings"), dir.resolve("mappings"));
    }

    static void replace(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertThat(s).as("%s contains %s", file, from).contains(from);
        Files.writeString(file, s.replace(from, to));
    }
}
