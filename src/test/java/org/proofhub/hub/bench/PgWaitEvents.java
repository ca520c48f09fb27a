package org.proofhub.hub.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Diagnosis: what a database's active backends are waiting for during a load, sampled from {@code pg_stat_activity}
 * every two milliseconds ("CPU" when a backend is active without a wait event). Counts per wait event tell whether slow
 * statements wait for the WAL flush (IO:WalSync), for each other (LWLock, Lock) or for the processor.
 */
public final class PgWaitEvents implements AutoCloseable {
    private static final long EVERY_MILLIS = 2;
    private final Map<String, Long> counts = new TreeMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-pg-wait-events");
        t.setDaemon(true);
        return t;
    });
    private final Connection connection;
    private final PreparedStatement activeBackends;
    private long samples;

    private PgWaitEvents(DataSource database, String databaseName) throws SQLException {
        connection = database.getConnection();
        activeBackends = connection.prepareStatement("""
                select coalesce(wait_event_type || ':' || wait_event, 'CPU') from pg_stat_activity
                where datname = ? and state = 'active' and pid <> pg_backend_pid() and backend_type = 'client backend'""");
        activeBackends.setString(1, databaseName);
        sampler.scheduleWithFixedDelay(this::sample, 0, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Starts sampling the active backends of {@code databaseName} through a connection of {@code database}. */
    public static PgWaitEvents sampling(DataSource database, String databaseName) throws SQLException {
        return new PgWaitEvents(database, databaseName);
    }

    private void sample() {
        try (ResultSet rs = activeBackends.executeQuery()) {
            synchronized (this) {
                samples++;
                while (rs.next()) {
                    counts.merge(rs.getString(1), 1L, Long::sum);
                }
            }
        } catch (SQLException e) {
            synchronized (this) {
                counts.put("sampling failed: " + e.getMessage(), 0L);
            }
            sampler.shutdown();
        }
    }

    /** Samples taken and, per wait event, in how many samples a backend waited for it (largest first). */
    public synchronized Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("samples", samples);
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        out.put("backendsByWaitEvent", sorted);
        return out;
    }

    @Override
    public void close() throws InterruptedException, SQLException {
        sampler.shutdown();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        connection.close();
    }
}
