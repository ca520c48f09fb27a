package org.proofhub.hub.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Diagnosis: how much WAL a server wrote in a phase, how much of it was full-page images (the first change of a page
 * after a checkpoint starts writes the whole 8 KB page), and whether checkpoints ran meanwhile ({@code pg_stat_wal},
 * {@code pg_stat_checkpointer}, PostgreSQL 17). A checkpoint in a phase shows as more WAL per change and more flushes.
 */
public record PgWal(long records, long fullPageImages, long bytes, long checkpointsTimed, long checkpointsRequested,
                    long checkpointBuffersWritten) {

    /** The server's counters now, read through a connection of {@code database}. */
    public static PgWal now(DataSource database) {
        try (Connection c = database.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                select w.wal_records, w.wal_fpi, w.wal_bytes, k.num_timed, k.num_requested, k.buffers_written
                from pg_stat_wal w, pg_stat_checkpointer k""")) {
            rs.next();
            return new PgWal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_wal cannot be read", e);
        }
    }

    /**
     * The tables autovacuum vacuumed or analysed since {@code since}, with when ({@code pg_stat_user_tables}): a run that
     * meets one sees its reads and writes, and plans may change after an analyse.
     */
    public static java.util.List<String> maintenanceSince(DataSource database, java.time.Instant since) {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = database.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement("""
                select relname, last_autovacuum, last_autoanalyze from pg_stat_user_tables
                where last_autovacuum >= ? or last_autoanalyze >= ? order by greatest(last_autovacuum, last_autoanalyze)""")) {
            ps.setObject(1, since.atOffset(java.time.ZoneOffset.UTC));
            ps.setObject(2, since.atOffset(java.time.ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + ": vacuum " + rs.getObject(2) + ", analyse " + rs.getObject(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_user_tables cannot be read", e);
        }
        return out;
    }

    /** What the server wrote between {@code earlier} and this reading, per change as well. */
    public Map<String, Object> since(PgWal earlier, long changes) {
        Map<String, Object> out = new LinkedHashMap<>();
        long walBytes = bytes - earlier.bytes;
        out.put("walKiB", walBytes / 1024);
        out.put("walBytesPerChange", changes == 0 ? 0 : walBytes / changes);
        out.put("fullPageImages", fullPageImages - earlier.fullPageImages);
        out.put("walRecords", records - earlier.records);
        // a checkpoint counts when it completes; one that is still spreading its writes shows in buffers written
        out.put("checkpointsCompleted", checkpointsTimed + checkpointsRequested - earlier.checkpointsTimed - earlier.checkpointsRequested);
        out.put("checkpointBuffersWritten", checkpointBuffersWritten - earlier.checkpointBuffersWritten);
        return out;
    }
}
