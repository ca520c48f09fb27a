package org.proofhub.hub.ingest.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which hub instance runs which connector when several instances share one database. A connector runs only on
 * the instance holding its session-level advisory lock, taken on a connection of its own that stays open for as
 * long as the instance runs the connector. When that instance dies its connection goes, PostgreSQL releases
 * the locks with it, and another instance takes them and starts the connectors from their stored offsets.
 * A connection that breaks while the instance lives means the same: {@link #check} reports it, and the instance
 * must stop its connectors before it tries again.
 */
final class ConnectorLeadership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectorLeadership.class);
    /** The upper half of every lock key ("PHC1"), so that the hub's connector locks cannot meet another lock. */
    private static final long NAMESPACE = 0x5048_4331L;
    static final String APPLICATION_NAME_PREFIX = "proof-hub-connectors ";

    /** Opens a new connection to the hub's database. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open(String applicationName) throws SQLException;
    }

    private final ConnectionSource source;
    private final String instanceId;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private Connection connection;

    ConnectorLeadership(ConnectionSource source, String instanceId) {
        this.source = source;
        this.instanceId = instanceId;
    }

    String instanceId() {
        return instanceId;
    }

    /** The lock key of a connector: the namespace above, the CRC-32 of the connector id below. */
    static long key(String connectorId) {
        CRC32 crc = new CRC32();
        crc.update(connectorId.getBytes(StandardCharsets.UTF_8));
        return (NAMESPACE << 32) | crc.getValue();
    }

    /** True if this instance runs {@code connectorId} now or has just become the one that does. */
    synchronized boolean tryAcquire(String connectorId) throws SQLException {
        if (held.contains(connectorId)) {
            return true;
        }
        try (PreparedStatement ps = connection().prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, key(connectorId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return false;
                }
            }
        } catch (SQLException e) {
            lost();
            throw e;
        }
        held.add(connectorId);
        log.info("connector {} runs on this hub instance ({})", connectorId, instanceId);
        return true;
    }

    /** Lets another instance have the connector (e.g. its file was removed here). */
    synchronized void release(String connectorId) throws SQLException {
        if (!held.remove(connectorId)) {
            return;
        }
        try (PreparedStatement ps = connection().prepareStatement("select pg_advisory_unlock(?)")) {
            ps.setLong(1, key(connectorId));
            ps.execute();
        } catch (SQLException e) {
            lost();
            throw e;
        }
    }

    boolean holds(String connectorId) {
        return held.contains(connectorId);
    }

    /**
     * Whether the locks this instance holds are still its own: false once their connection broke, and then nothing
     * is held any more (the caller stops its connectors).
     */
    synchronized boolean check() {
        if (connection == null) {
            return true;
        }
        try {
            if (connection.isValid(5)) {
                return true;
            }
        } catch (SQLException e) {
            // as invalid
        }
        if (!held.isEmpty()) {
            log.warn("the connection holding this instance's connector locks {} broke: they are released, the connectors must stop here", held);
        }
        lost();
        return false;
    }

    /** The hub instance that holds the connector's lock, as it named itself; empty when nobody holds it. */
    synchronized Optional<String> holderOf(String connectorId) throws SQLException {
        if (held.contains(connectorId)) {
            return Optional.of(instanceId);
        }
        long key = key(connectorId);
        // a bigint advisory lock shows its upper half as classid, its lower half as objid, and objsubid 1
        try (PreparedStatement ps = connection().prepareStatement("""
                select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'advisory' and l.granted and l.classid = ?::bigint::oid and l.objid = ?::bigint::oid
                    and l.objsubid = 1 and l.database = (select oid from pg_database where datname = current_database())""")) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String name = rs.getString(1);
                return Optional.of(name != null && name.startsWith(APPLICATION_NAME_PREFIX)
                        ? name.substring(APPLICATION_NAME_PREFIX.length()) : String.valueOf(name));
            }
        } catch (SQLException e) {
            lost();
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            String name = APPLICATION_NAME_PREFIX + instanceId;
            // PostgreSQL keeps 63 bytes of an application name
            connection = source.open(name.length() > 63 ? name.substring(0, 63) : name);
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private void lost() {
        held.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing the broken connector-lock connection: {}", e.getMessage());
            }
            connection = null;
        }
    }

    /** Gives every lock up: other instances may take the connectors over. */
    @Override
    public synchronized void close() {
        if (!held.isEmpty()) {
            log.info("connectors {} are released by this hub instance ({})", held, instanceId);
            // at once, rather than when the server has seen the connection end
            try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock_all()")) {
                ps.execute();
            } catch (SQLException e) {
                log.debug("releasing the connector locks: {}", e.getMessage());
            }
        }
        lost();
    }
}
