package org.proofhub.hub.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Diagnosis: which SQL statements of a database took the time during a load, from {@code pg_stat_statements}.
 * The server must have been started with {@code hub.embedded-postgres.settings.shared-preload-libraries=pg_stat_statements}.
 */
public final class PgStatements {

    private PgStatements() {
    }

    /** The hub properties that load pg_stat_statements into the embedded server, with planning time tracked as well. */
    public static java.util.Map<String, String> serverSettings() {
        return java.util.Map.of("hub.embedded-postgres.settings.shared-preload-libraries", "pg_stat_statements",
                "hub.embedded-postgres.settings.pg_stat_statements.track_planning", "on");
    }

    /** Starts counting afresh. */
    public static void reset(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("create extension if not exists pg_stat_statements");
            st.execute("select pg_stat_statements_reset()");
        }
    }

    /** The connection's database's statements that took most execution time since the reset: calls, ms, rows, buffer blocks, text. */
    public static List<String> top(Connection connection, int limit) throws SQLException {
        List<String> top = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                select calls, round(total_exec_time), rows, shared_blks_hit + shared_blks_read, regexp_replace(query, '\\s+', ' ', 'g'),
                       round(total_plan_time), plans
                from pg_stat_statements s join pg_database d on d.oid = s.dbid
                where d.datname = current_database() order by total_exec_time + total_plan_time desc limit ?""")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String sql = rs.getString(5);
                    // planning shows only with pg_stat_statements.track_planning=on
                    String planning = rs.getLong(7) == 0 ? "" : " (+" + rs.getLong(6) + " ms planning " + rs.getLong(7) + " plans)";
                    top.add(rs.getLong(1) + " calls, " + rs.getLong(2) + " ms" + planning + ", " + rs.getLong(3) + " rows, " + rs.getLong(4)
                            + " blocks: " + sql.substring(0, Math.min(160, sql.length())));
                }
            }
        }
        return top;
    }
}
