package org.proofhub.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenceFileExporterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIRST = "(SELECT doc_id FROM license_document ORDER BY doc_id LIMIT 1)";
    private static final String LAST = "(SELECT doc_id FROM license_document ORDER BY doc_id DESC LIMIT 1)";
    private static DemoPostgres pg;
    private static DataSource licences;

    @TempDir
    Path drop;

    @BeforeAll
    static void seed() throws Exception {
        pg = DemoPostgres.start();
        new DemoDepartmentSeeder(pg.departments).seed(7, new DemoSize(500, 100));
        licences = pg.dataSource(DemoDepartment.LICENCE);
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void exportsEverythingInBatchesThenOnlyWhatChanged() throws Exception {
        LicenceFileExporter exporter = new LicenceFileExporter(licences, drop, "all-then-changes", 100);
        long expected = pg.count(DemoDepartment.LICENCE, "SELECT (SELECT count(*) FROM license_document)"
                + " + (SELECT count(*) FROM license_tombstone)");
        List<LicenceFileExporter.ExportedFile> files = new ArrayList<>();
        for (Optional<LicenceFileExporter.ExportedFile> f = exporter.exportOnce(); f.isPresent(); f = exporter.exportOnce()) {
            files.add(f.get());
        }
        assertThat(files).hasSize((int) (expected + 99) / 100);
        List<JsonNode> lines = linesOf(files);
        assertThat(lines).hasSize((int) expected).allSatisfy(line -> {
            assertThat(line.get("op").asText()).isEqualTo("U");
            assertThat(line.get("table").asText()).isEqualTo("license_document");
            JsonNode row = line.get("row");
            assertThat(row.size()).isEqualTo(16);
            assertThat(row.get("change_seq").asLong()).isEqualTo(line.get("change_seq").asLong());
            assertThat(row.get("surface").isObject()).isTrue();
            assertThat(row.get("issue_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(row.get("doc_id").asText()).matches("[0-9a-f-]{36}");
        });
        assertThat(lines).extracting(l -> l.get("change_seq").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(dropFiles()).allMatch(p -> p.getFileName().toString().matches("licence-\\d{12}-\\d{12}\\.ndjson"));
        assertThat(exporter.exportOnce()).isEmpty();
        assertThat(dropFiles()).hasSize(files.size());

        String revoked = pg.rows(DemoDepartment.LICENCE, "UPDATE license_document SET status = '03' WHERE doc_id = " + FIRST
                + " RETURNING doc_id").get(0).get("doc_id");
        String deleted = pg.rows(DemoDepartment.LICENCE, "DELETE FROM license_document WHERE doc_id = " + LAST
                + " RETURNING doc_id").get(0).get("doc_id");
        LicenceFileExporter.ExportedFile changes = exporter.exportOnce().orElseThrow();
        List<JsonNode> changed = linesOf(List.of(changes));
        assertThat(changed).hasSize(2);
        assertThat(changed.get(0).get("op").asText()).isEqualTo("U");
        assertThat(changed.get(0).get("row").get("doc_id").asText()).isEqualTo(revoked);
        assertThat(changed.get(0).get("row").get("status").asText()).isEqualTo("03");
        assertThat(changed.get(1).get("op").asText()).isEqualTo("D");
        assertThat(changed.get(1).get("row")).isEqualTo(JSON.createObjectNode().put("doc_id", deleted));
        assertThat(changes.path().getFileName().toString()).isEqualTo(String.format("licence-%012d-%012d.ndjson",
                changes.fromChangeSeq(), changes.toChangeSeq()));
        assertThat(exporter.exportOnce()).isEmpty();
        assertThat(pg.count(DemoDepartment.LICENCE, "SELECT last_change_seq FROM export_state"
                + " WHERE exporter = 'all-then-changes'")).isEqualTo(changes.toChangeSeq());
    }

    @Test
    void waitsForAWriterThatDrewAnEarlierNumberSoNoChangeIsSkipped() throws Exception {
        LicenceFileExporter exporter = new LicenceFileExporter(licences, drop, "barrier", 10_000);
        exporter.exportOnce();
        try (Connection slow = licences.getConnection()) {
            slow.setAutoCommit(false);
            Pg.update(slow, "UPDATE license_document SET status = '04' WHERE doc_id = " + FIRST);
            // a faster writer draws a later number and commits first
            pg.rows(DemoDepartment.LICENCE, "UPDATE license_document SET status = '02' WHERE doc_id = " + LAST
                    + " RETURNING doc_id");
            CompletableFuture<Optional<LicenceFileExporter.ExportedFile>> export = CompletableFuture.supplyAsync(() -> {
                try {
                    return exporter.exportOnce();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> !export.isDone());
            slow.commit();
            await().atMost(Duration.ofSeconds(10)).until(export::isDone);
            List<JsonNode> lines = linesOf(List.of(export.get().orElseThrow()));
            assertThat(lines).extracting(l -> l.get("row").get("status").asText()).containsExactly("04", "02");
        }
    }

    @Test
    void scheduledModeKeepsExporting() throws Exception {
        try (LicenceFileExporter exporter = new LicenceFileExporter(licences, drop, "scheduled", 500)) {
            exporter.start(Duration.ofMillis(100));
            String docId = pg.rows(DemoDepartment.LICENCE, "UPDATE license_document SET status = '02' WHERE doc_id = " + LAST
                    + " RETURNING doc_id").get(0).get("doc_id");
            await().atMost(Duration.ofSeconds(20)).until(() -> dropFiles().stream()
                    .map(p -> read(p)).anyMatch(text -> text.contains(docId + "\"") && text.contains("\"status\":\"02\"")));
        }
        assertThat(dropFiles()).noneMatch(p -> p.toString().endsWith(".tmp"));
    }

    private List<Path> dropFiles() throws IOException {
        try (Stream<Path> files = Files.list(drop)) {
            return files.sorted().toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> linesOf(List<LicenceFileExporter.ExportedFile> files) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (LicenceFileExporter.ExportedFile f : files) {
            List<String> text = Files.readAllLines(f.path());
            assertThat(text).hasSize(f.lines());
            for (String line : text) {
                lines.add(JSON.readTree(line));
            }
            assertThat(lines.get(lines.size() - text.size()).get("change_seq").asLong()).isEqualTo(f.fromChangeSeq());
            assertThat(lines.get(lines.size() - 1).get("change_seq").asLong()).isEqualTo(f.toChangeSeq());
        }
        return lines;
    }
}
