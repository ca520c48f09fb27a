package org.proofhub.hub.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The licence department's own export job, standing in for the CDC it cannot offer. Each run
 * writes the licence changes since the exporter's mark in {@code export_state} as one NDJSON
 * file in a drop directory, named {@code licence-<from>-<to>.ndjson} after the first and last
 * change sequence numbers (12 digits each). A line is
 * {@code {"op":"U"|"D","change_seq":n,"table":"license_document","row":{...}}}: for {@code U}
 * the whole row (dates as yyyy-MM-dd, {@code surface} as an object, ids as strings), for
 * {@code D} only {@code doc_id}. Files appear atomically (written as {@code .tmp}, then renamed);
 * after a crash between the rename and the mark's update a range is written again, so readers
 * must apply lines idempotently.
 */
public final class LicenceFileExporter implements AutoCloseable {

    /** A file the exporter wrote, with the change sequence numbers of its first and last line. */
    public record ExportedFile(Path path, long fromChangeSeq, long toChangeSeq, int lines) {
    }

    private static final Logger log = LoggerFactory.getLogger(LicenceFileExporter.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANGES = """
            SELECT 'U' AS op, d.change_seq, to_jsonb(d)::text AS row
              FROM license_document d WHERE d.change_seq > ?
            UNION ALL
            SELECT 'D', t.change_seq, jsonb_build_object('doc_id', t.doc_id)::text
              FROM license_tombstone t WHERE t.change_seq > ?
            ORDER BY change_seq LIMIT ?""";

    private final DataSource licenceDatabase;
    private final Path dropDirectory;
    private final String exporterName;
    private final int batchSize;
    private ScheduledExecutorService scheduler;

    /**
     * @param exporterName the key of this exporter's mark in {@code export_state}; exporters with
     *                     different names each see every change
     * @param batchSize    the most lines one file holds
     */
    public LicenceFileExporter(DataSource licenceDatabase, Path dropDirectory, String exporterName, int batchSize) {
        if (batchSize < 1 || exporterName == null || exporterName.isBlank() || exporterName.length() > 64) {
            throw new IllegalArgumentException("licence exporter needs a name of 1-64 characters and a batch size"
                    + " of at least 1, got '" + exporterName + "' and " + batchSize);
        }
        this.licenceDatabase = licenceDatabase;
        this.dropDirectory = dropDirectory;
        this.exporterName = exporterName;
        this.batchSize = batchSize;
    }

    /** Writes the next batch of changes, if there are any, and moves the exporter's mark past them. */
    public synchronized Optional<ExportedFile> exportOnce() throws SQLException, IOException {
        record Change(String op, long seq, String row) {
        }
        record Batch(long mark, List<Change> changes) {
        }
        Batch batch = Pg.inTransaction(licenceDatabase, c -> {
            Pg.update(c, "INSERT INTO export_state (exporter, last_change_seq) VALUES (?, 0) ON CONFLICT DO NOTHING",
                    exporterName);
            // waits for writers still holding drawn sequence numbers; see dept_license/schema.sql
            Pg.execute(c, "SELECT license_wait_for_writers()");
            long mark = Pg.queryLong(c, "SELECT last_change_seq FROM export_state WHERE exporter = ?", exporterName);
            List<Change> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(CHANGES)) {
                ps.setLong(1, mark);
                ps.setLong(2, mark);
                ps.setInt(3, batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Change(rs.getString(1), rs.getLong(2), rs.getString(3)));
                    }
                }
            }
            return new Batch(mark, found);
        });
        List<Change> changes = batch.changes();
        if (changes.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder ndjson = new StringBuilder();
        for (Change change : changes) {
            ndjson.append(line(change.op(), change.seq(), change.row())).append('\n');
        }
        long from = changes.get(0).seq();
        long to = changes.get(changes.size() - 1).seq();
        Path file = write(String.format("licence-%012d-%012d.ndjson", from, to), ndjson.toString());
        int moved = Pg.inTransaction(licenceDatabase, c -> Pg.update(c,
                "UPDATE export_state SET last_change_seq = ? WHERE exporter = ? AND last_change_seq = ?",
                to, exporterName, batch.mark()));
        if (moved != 1) {
            throw new IllegalStateException("licence exporter '" + exporterName + "' wrote " + file.getFileName()
                    + " but its mark in export_state is no longer " + batch.mark()
                    + ": is another exporter with the same name running?");
        }
        return Optional.of(new ExportedFile(file, from, to, changes.size()));
    }

    /** Exports every {@code period}, each time until no full batch is left. */
    public synchronized void start(Duration period) {
        if (scheduler != null) {
            throw new IllegalStateException("licence exporter '" + exporterName + "' is already running");
        }
        scheduler = DemoScheduler.start("licence-exporter-" + exporterName);
        scheduler.scheduleWithFixedDelay(this::drain, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        DemoScheduler.stop(running);
    }

    private void drain() {
        try {
            Optional<ExportedFile> file;
            do {
                file = exportOnce();
            } while (file.isPresent() && file.get().lines() == batchSize);
        } catch (SQLException | IOException | RuntimeException e) {
            // a scheduled task that throws is never run again: report and try at the next tick
            log.warn("licence export '{}' failed, will retry: {}", exporterName, Pg.describe(e));
        }
    }

    private static String line(String op, long seq, String row) throws JsonProcessingException {
        ObjectNode line = JSON.createObjectNode()
                .put("op", op)
                .put("change_seq", seq)
                .put("table", Rows.LICENCE_TABLE);
        line.set("row", JSON.readTree(row));
        return JSON.writeValueAsString(line);
    }

    private Path write(String name, String content) throws IOException {
        Files.createDirectories(dropDirectory);
        Path tmp = dropDirectory.resolve(name + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            // durable before it becomes visible: a reader must never see a file that a crash could still lose
            channel.force(true);
        }
        return Files.move(tmp, dropDirectory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
