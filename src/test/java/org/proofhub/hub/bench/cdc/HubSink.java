package org.proofhub.hub.bench.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.proofhub.hub.bench.Await;
import org.proofhub.hub.bench.cdc.BenchPersons.Person;

/**
 * The hub's canonical store, read from the hub database: a change has arrived when its canonical record is
 * committed there (durable). Polled every 20 ms on one connection through the primary key: finer polling
 * showed up as a noticeable share of the hub database's CPU on this 2-core machine, and 20 ms is within
 * 0.2 % of a measured load.
 */
final class HubSink implements ChangeSink, AutoCloseable {
    static final String CONNECTOR = "population";
    private static final Duration POLL = Duration.ofMillis(20);

    private final Connection connection;

    HubSink(DataSource hubDatabase) throws SQLException {
        this.connection = hubDatabase.getConnection();
        try (Statement st = connection.createStatement()) {
            // the driver's server-side statement outlives each poll: a generic plan made while canonical_record was
            // tiny (a sequential scan) would stay, scanning the grown table every 20 ms and stealing the hub's CPU
            st.execute("set plan_cache_mode = force_custom_plan");
        }
    }

    @Override
    public String name() {
        return "hub";
    }

    @Override
    public Arrival expect(Person person) {
        return timeout -> {
            try (PreparedStatement ps = connection.prepareStatement(
                    "select 1 from canonical_record where kind = 'Person' and record_key = ?")) {
                ps.setString(1, person.citizenId());
                return Await.until("the hub's canonical record of bench person " + person.rkbh(), timeout, POLL, () -> {
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next();
                    }
                });
            }
        };
    }

    /** The newest canonical_history id: changes recorded after it belong to what follows. */
    long lastHistoryId() throws SQLException {
        return queryLong("select coalesce(max(id), 0) from canonical_history", null);
    }

    /** Canonical history entries of the population connector recorded after {@code historyId}. */
    long historySince(long historyId) throws SQLException {
        return queryLong("select count(*) from canonical_history where connector_id = '" + CONNECTOR + "' and id > ?", historyId);
    }

    /** Quarantine entries of the population connector: any would mean a bench row the mapping refused. */
    long quarantined() throws SQLException {
        return queryLong("select count(*) from quarantine where connector_id = '" + CONNECTOR + "'", null);
    }

    /** Needs {@code shared_preload_libraries = pg_stat_statements}. */
    void resetStatementStatistics() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("create extension if not exists pg_stat_statements");
            st.execute("select pg_stat_statements_reset()");
        }
    }

    /** The hub database's statements that took most execution time since the reset: calls, ms, rows, buffer blocks, text. */
    List<String> topStatements(int limit) throws SQLException {
        List<String> top = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                select calls, round(total_exec_time), rows, shared_blks_hit + shared_blks_read, regexp_replace(query, '\\s+', ' ', 'g')
                from pg_stat_statements s join pg_database d on d.oid = s.dbid
                where d.datname = current_database() order by total_exec_time desc limit ?""")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String sql = rs.getString(5);
                    top.add(rs.getLong(1) + " calls, " + rs.getLong(2) + " ms, " + rs.getLong(3) + " rows, " + rs.getLong(4)
                            + " blocks: " + sql.substring(0, Math.min(160, sql.length())));
                }
            }
        }
        return top;
    }

    Connection connection() {
        return connection;
    }

    private long queryLong(String sql, Long parameter) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setLong(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
