package org.proofhub.hub.ingest.internal;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

/**
 * Debezium offsets in the hub's PostgreSQL, named in a connector type as
 * {@code offsetStorage=org.proofhub.hub.ingest.internal.HubOffsetBackingStore} with the connector id
 * as {@code offsetStorageTopic}. Before it stores an offset it waits until the connector's lane has
 * written every change handed over so far: a crash can then repeat changes (absorbed as duplicates)
 * but never skip one.
 */
public class HubOffsetBackingStore extends MemoryOffsetBackingStore {

    /** What a store of one connector needs from the running hub; Kafka Connect instantiates stores by class name. */
    public record Binding(DataSource dataSource, IngestService ingest) {
    }

    private static final Map<String, Binding> BINDINGS = new ConcurrentHashMap<>();

    private String connectorId;
    private Binding binding;

    static void bind(String connectorId, Binding binding) {
        BINDINGS.put(connectorId, binding);
    }

    static void unbind(String connectorId) {
        BINDINGS.remove(connectorId);
    }

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        connectorId = config.getString("offset.storage.topic");
        binding = BINDINGS.get(connectorId);
        if (binding == null) {
            throw new ConnectException("no hub binding for connector '" + connectorId + "': set offsetStorageTopic to the connector id");
        }
    }

    @Override
    public synchronized void start() {
        super.start();
        try (Connection c = binding.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select offset_key, offset_value from connector_offset where connector_id = ?")) {
            ps.setString(1, connectorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    data.put(ByteBuffer.wrap(rs.getBytes(1)), ByteBuffer.wrap(rs.getBytes(2)));
                }
            }
        } catch (SQLException e) {
            throw new ConnectException("cannot read stored offsets of connector " + connectorId, e);
        }
    }

    @Override
    protected void save() {
        try {
            binding.ingest().awaitDrained(connectorId);
        } catch (TimeoutException e) {
            throw new ConnectException("offsets of " + connectorId + " not stored: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while waiting for connector " + connectorId + " to write its changes", e);
        }
        try (Connection c = binding.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into connector_offset (connector_id, offset_key, offset_value, updated_at) values (?, ?, ?, now())
                    on conflict (connector_id, offset_key) do update set offset_value = excluded.offset_value, updated_at = now()""")) {
                for (Map.Entry<ByteBuffer, ByteBuffer> e : data.entrySet()) {
                    ps.setString(1, connectorId);
                    ps.setBytes(2, bytes(e.getKey()));
                    ps.setBytes(3, bytes(e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new ConnectException("cannot store offsets of connector " + connectorId, e);
        }
    }

    @Override
    public java.util.Set<Map<String, Object>> connectorPartitions(String connectorName) {
        // only Kafka Connect's REST offset management asks this; the embedded engine does not
        return java.util.Set.of();
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
