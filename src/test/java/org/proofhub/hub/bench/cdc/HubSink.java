package org.proofhub.hub.bench.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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
