package org.proofhub.hub.ingest.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.platform.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far each connector is behind its source, seen from the source's side, so that a connector stuck before its source
 * (a CDC slot nobody reads, a poll that stopped) shows even though it receives nothing to measure a lag on:
 * <ul>
 *   <li>{@code debezium-postgres}: the bytes of WAL the source has written past what its replication slot confirmed
 *   ({@code pg_current_wal_lsn() - confirmed_flush_lsn} of {@code pg_replication_slots}), asked every
 *   {@value #PROBE_EVERY_MS} ms with the connector's own credentials, on a thread of its own (a source that does not answer
 *   holds up no other scheduled work). A stuck or paused connector's backlog grows with every write the source makes
 *   (WAL is per PostgreSQL cluster: other databases' writes count too); a running one confirms up to each change of its
 *   captured tables it processed, so a source whose captured tables stay quiet while others are written shows a backlog
 *   too until its next captured change (Debezium's heartbeats alone do not move the slot on), unless the connector has a
 *   {@code heartbeatActionQuery} that gives the slot a position to confirm with every heartbeat.</li>
 *   <li>{@code jdbc-poll}: when a poll on this hub instance last read the source to its end ({@link JdbcPollAdapter#lastPolled});
 *   unknown on an instance that does not run the connector (another runs it, or it is paused, stopped or disabled), so that a
 *   stand-by instance does not report a poll that stalled.</li>
 * </ul>
 * Other connector types (a file drop waits for files) report neither.
 */
@Component
class SourceBacklog {
    static final long PROBE_EVERY_MS = 15_000;
    private static final Logger log = LoggerFactory.getLogger(SourceBacklog.class);
    private static final String SLOT_BEHIND = """
            select pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint from pg_replication_slots where slot_name = ?""";

    private final IngestService ingest;
    private final JdbcPollAdapter polls;
    private final ConnectorRuntime runtime;
    private final Map<String, Long> behind = new ConcurrentHashMap<>();
    private final Map<String, String> problems = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService prober = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "source-backlog");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();

    SourceBacklog(IngestService ingest, JdbcPollAdapter polls, ConnectorRuntime runtime) {
        this.ingest = ingest;
        this.polls = polls;
        this.runtime = runtime;
    }

    /** Bytes of WAL the CDC connector's slot has not confirmed, as last asked; null when not known (or not CDC). */
    Long behindBytes(String connectorId) {
        return behind.get(connectorId);
    }

    /** When the jdbc-poll connector last read its source to the end; null when not yet (or not such a connector). */
    Instant lastRead(String connectorId) {
        ConnectorDefinition c = ingest.config().connectors().get(connectorId);
        return c == null || !c.enabled() || !runtime.runsHere(connectorId) || !"Started".equals(runtime.status(connectorId)) ? null
                : polls.lastPolled(connectorId);
    }

    /** Why the source could not be asked the last time (masked); null when it answered. */
    String problem(String connectorId) {
        return problems.get(connectorId);
    }

    /** Every {@value #PROBE_EVERY_MS} ms: {@link #refresh} on the prober's own thread, unless the last one is still asking. */
    @Scheduled(fixedDelay = PROBE_EVERY_MS, initialDelay = 2_000)
    void refreshInBackground() {
        if (probing.compareAndSet(false, true)) {
            try {
                prober.execute(() -> {
                    try {
                        refresh();
                    } finally {
                        probing.set(false);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                probing.set(false); // shutting down
            }
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        prober.shutdownNow();
    }

    /** Asks every enabled CDC connector's source how far its slot is behind, now, on the calling thread. */
    void refresh() {
        Map<String, ConnectorDefinition> connectors = ingest.config().connectors();
        behind.keySet().retainAll(connectors.keySet());
        problems.keySet().retainAll(connectors.keySet());
        for (ConnectorDefinition c : connectors.values()) {
            if (c.enabled() && "debezium-postgres".equals(c.type())) {
                probe(c);
            } else {
                behind.remove(c.id());
                problems.remove(c.id());
            }
        }
    }

    void probe(ConnectorDefinition c) {
        Properties p = new Properties();
        p.setProperty("user", c.property("databaseUser"));
        p.setProperty("password", c.property("databasePassword"));
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "10");
        p.setProperty("ApplicationName", "proof-hub source backlog " + c.id());
        String url = "jdbc:postgresql://" + c.property("databaseHostname") + ":" + c.property("databasePort") + "/" + c.property("databaseDbname");
        try (Connection conn = DriverManager.getConnection(url, p); PreparedStatement ps = conn.prepareStatement(SLOT_BEHIND)) {
            ps.setString(1, c.property("slotName"));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long bytes = rs.getLong(1);
                    if (rs.wasNull()) {
                        behind.remove(c.id());
                        problems.put(c.id(), "slot " + c.property("slotName") + " has confirmed no position yet");
                    } else {
                        behind.put(c.id(), Math.max(0, bytes));
                        problems.remove(c.id());
                    }
                } else {
                    behind.remove(c.id());
                    problems.put(c.id(), "no replication slot " + c.property("slotName") + " in the source (the connector has not run yet, or "
                            + "the slot was dropped)");
                }
            }
        } catch (SQLException e) {
            behind.remove(c.id());
            String reason = Masking.maskIdentifiers(String.valueOf(e.getMessage()));
            String problem = "the source could not be asked: " + reason;
            if (!problem.equals(problems.put(c.id(), problem))) {
                log.warn("connector {}: the source could not be asked how far its slot is behind: {}", c.id(), reason);
            }
        }
    }
}
