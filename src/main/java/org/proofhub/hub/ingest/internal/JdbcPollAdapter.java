package org.proofhub.hub.ingest.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Header;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.ingest.SourceChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code jdbc-poll} adapter, for a department database that cannot offer change-data capture:
 * on each timer tick it reads rows whose incremental column moved past the stored watermark (keyset
 * paging on column + key, a safety lag against late commits), hands them to the pipeline, waits until
 * they are durable, then stores the new watermark. Every N polls it compares the source's keys with
 * the hub's links to turn hard deletes into delete changes.
 */
public final class JdbcPollAdapter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JdbcPollAdapter.class);

    private final IngestService ingest;
    private final JdbcTemplate hub;
    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
    private final Map<String, TableInfo> tables = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> polls = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastPolled = new ConcurrentHashMap<>();
    private final java.time.Clock clock;

    JdbcPollAdapter(IngestService ingest, JdbcTemplate hub, java.time.Clock clock) {
        this.ingest = ingest;
        this.hub = hub;
        this.clock = clock;
    }

    /** When a poll of the connector last read every table of its source to the end; null before the first. */
    Instant lastPolled(String connectorId) {
        return lastPolled.get(connectorId);
    }

    private record TableInfo(List<String> keyColumns, String incrementalType) {
    }

    /** Camel bean method, called by the jdbc-poll connector type's timer route. */
    public int poll(@Header("hubConnectorId") String connectorId) throws SQLException, InterruptedException, TimeoutException {
        ConnectorDefinition c = ingest.config().connectors().get(connectorId);
        HikariDataSource ds = pools.computeIfAbsent(connectorId, id -> pool(c));
        int total = 0;
        long n = polls.computeIfAbsent(connectorId, id -> new AtomicLong()).incrementAndGet();
        int reconcileEvery = Integer.parseInt(c.property("reconcileEveryPolls"));
        for (String table : c.property("tables").split("\\s*,\\s*")) {
            total += pollTable(c, ds, table);
            if (reconcileEvery > 0 && n % reconcileEvery == 0) {
                total += reconcile(c, ds, table);
            }
        }
        lastPolled.put(connectorId, clock.instant());
        return total;
    }

    private int pollTable(ConnectorDefinition c, HikariDataSource ds, String table) throws SQLException, InterruptedException, TimeoutException {
        String inc = c.property("incrementalColumn");
        int batch = Integer.parseInt(c.property("batchSize"));
        long overlapMs = Long.parseLong(c.property("overlapMs"));
        TableInfo info = info(c.id(), ds, table, inc);
        String keyExpr = keyExpression(info.keyColumns());
        boolean timed = info.incrementalType().startsWith("timestamp");
        String[] wm = watermark(c.id(), table);
        boolean firstPage = true;
        int total = 0;
        while (true) {
            // the first page re-reads an overlap window: a transaction that stamped its rows earlier but
            // committed later is still seen; rows read twice are dropped as duplicates by position
            String where = wm == null ? ""
                    : firstPage && timed && overlapMs > 0
                    ? " where " + quote(inc) + " > ?::" + info.incrementalType() + " - make_interval(secs => ? / 1000.0)"
                    : " where (" + quote(inc) + ", " + keyExpr + ") > (?::" + info.incrementalType() + ", ?)";
            String sql = "select *, " + keyExpr + " as hub_row_key from " + table + where
                    + " order by " + quote(inc) + ", " + keyExpr + " limit ?";
            List<SourceChange> changes = new ArrayList<>();
            String lastInc = null;
            String lastKey = null;
            long lastPos = Long.MIN_VALUE;
            try (Connection conn = ds.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
                int i = 1;
                if (wm != null) {
                    ps.setString(i++, wm[0]);
                    if (firstPage && timed && overlapMs > 0) {
                        ps.setLong(i++, overlapMs);
                    } else {
                        ps.setString(i++, wm[1]);
                    }
                }
                ps.setInt(i, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> values = new LinkedHashMap<>();
                        for (int col = 1; col <= md.getColumnCount(); col++) {
                            String name = md.getColumnName(col);
                            if (!name.equals("hub_row_key")) {
                                values.put(name, rs.getObject(col));
                            }
                        }
                        Object incValue = rs.getObject(inc);
                        lastInc = rs.getString(inc);
                        lastKey = rs.getString("hub_row_key");
                        lastPos = position(incValue);
                        changes.add(new SourceChange(c.id(), table, lastKey, lastPos, SourceChange.Operation.UPSERT,
                                instant(incValue), values));
                    }
                }
            }
            firstPage = false;
            if (changes.isEmpty()) {
                return total;
            }
            awaitDurable(c.id(), changes);
            if (wm == null || lastPos >= Long.parseLong(wm[2])) {
                wm = new String[]{lastInc, lastKey, String.valueOf(lastPos)};
                saveWatermark(c.id(), table, wm);
            }
            total += changes.size();
            if (changes.size() < batch) {
                return total;
            }
        }
    }

    private int reconcile(ConnectorDefinition c, HikariDataSource ds, String table) throws SQLException, InterruptedException, TimeoutException {
        TableInfo info = info(c.id(), ds, table, c.property("incrementalColumn"));
        Set<String> present = new HashSet<>();
        long now;
        try (Connection conn = ds.getConnection(); PreparedStatement ps = conn.prepareStatement(
                "select " + keyExpression(info.keyColumns()) + " from " + table)) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
            try (PreparedStatement clock = conn.prepareStatement("select clock_timestamp()"); ResultSet rs = clock.executeQuery()) {
                rs.next();
                now = position(rs.getObject(1));
            }
        }
        List<String> linked = hub.queryForList(
                "select distinct source_key from source_link where connector_id = ? and source_table = ? and not deleted",
                String.class, c.id(), table);
        List<SourceChange> deletes = new ArrayList<>();
        for (String key : linked) {
            if (!present.contains(key)) {
                deletes.add(new SourceChange(c.id(), table, key, now, SourceChange.Operation.DELETE, Instant.now(),
                        keyValues(info.keyColumns(), key)));
            }
        }
        if (!deletes.isEmpty()) {
            log.info("connector {}: {} row(s) of {} are gone from the source; recording deletes", c.id(), deletes.size(), table);
            awaitDurable(c.id(), deletes);
        }
        return deletes.size();
    }

    private void awaitDurable(String connectorId, List<SourceChange> changes) throws InterruptedException, TimeoutException {
        try {
            ingest.acceptAll(changes).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IllegalStateException("connector " + connectorId + ": changes were not stored; the watermark stays", e.getCause());
        }
    }

    private TableInfo info(String connectorId, HikariDataSource ds, String table, String incrementalColumn) throws SQLException {
        TableInfo cached = tables.get(connectorId + "/" + table);
        if (cached != null) {
            return cached;
        }
        String[] parts = table.contains(".") ? table.split("\\.", 2) : new String[]{"public", table};
        List<String> keys = new ArrayList<>();
        String type;
        try (Connection conn = ds.getConnection()) {
            DatabaseMetaData md = conn.getMetaData();
            try (ResultSet rs = md.getPrimaryKeys(null, parts[0], parts[1])) {
                Map<Integer, String> ordered = new java.util.TreeMap<>();
                while (rs.next()) {
                    ordered.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
                keys.addAll(ordered.values());
            }
            try (PreparedStatement ps = conn.prepareStatement(
                    "select data_type from information_schema.columns where table_schema = ? and table_name = ? and column_name = ?")) {
                ps.setString(1, parts[0]);
                ps.setString(2, parts[1]);
                ps.setString(3, incrementalColumn);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("connector " + connectorId + ": table " + table + " has no column " + incrementalColumn);
                    }
                    type = rs.getString(1);
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("connector " + connectorId + ": table " + table + " has no primary key to page and link rows by");
        }
        TableInfo info = new TableInfo(keys, type);
        tables.put(connectorId + "/" + table, info);
        return info;
    }

    private String[] watermark(String connectorId, String table) {
        List<String> v = hub.queryForList("select state_value from connector_state where connector_id = ? and state_key = ?",
                String.class, connectorId, "watermark:" + table);
        if (v.isEmpty()) {
            return null;
        }
        String[] parts = v.get(0).split("\u0001", -1);
        return parts.length == 3 ? parts : null;
    }

    /** Stores incremental value, key and position, separated by U+0001 (which appears in neither). */
    private void saveWatermark(String connectorId, String table, String[] wm) {
        hub.update("""
                insert into connector_state (connector_id, state_key, state_value, updated_at) values (?, ?, ?, now())
                on conflict (connector_id, state_key) do update set state_value = excluded.state_value, updated_at = now()""",
                connectorId, "watermark:" + table, String.join("\u0001", wm));
    }

    private static String keyExpression(List<String> keys) {
        return keys.size() == 1 ? quote(keys.get(0)) + "::text"
                : "concat_ws('|', " + String.join(", ", keys.stream().map(k -> quote(k) + "::text").toList()) + ")";
    }

    private static Map<String, Object> keyValues(List<String> keys, String key) {
        String[] parts = key.split("\\|", -1);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size() && i < parts.length; i++) {
            out.put(keys.get(i), parts[i]);
        }
        return out;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A watermark value as a number that grows with it: epoch microseconds for times, the value for numbers. */
    static long position(Object v) {
        if (v instanceof Timestamp t) {
            return micros(t.toLocalDateTime().toInstant(ZoneOffset.UTC));
        }
        if (v instanceof LocalDateTime t) {
            return micros(t.toInstant(ZoneOffset.UTC));
        }
        if (v instanceof OffsetDateTime t) {
            return micros(t.toInstant());
        }
        if (v instanceof Instant i) {
            return micros(i);
        }
        if (v instanceof BigDecimal d) {
            return d.longValueExact();
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalStateException("incremental column value of type " + (v == null ? "null" : v.getClass().getSimpleName()) + " cannot order changes");
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    private static Instant instant(Object v) {
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        return Instant.now();
    }

    private static HikariDataSource pool(ConnectorDefinition c) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("poll-" + c.id());
        config.setJdbcUrl(c.property("jdbcUrl"));
        config.setUsername(c.property("username"));
        config.setPassword(c.property("password"));
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(0);
        config.setReadOnly(true);
        return new HikariDataSource(config);
    }

    void stop(String connectorId) {
        HikariDataSource ds = pools.remove(connectorId);
        if (ds != null) {
            ds.close();
        }
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
    }
}
