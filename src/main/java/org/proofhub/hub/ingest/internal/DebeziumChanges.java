package org.proofhub.hub.ingest.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import io.debezium.data.Envelope;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.proofhub.hub.ingest.SourceChange;

/**
 * Turns a Debezium change event, as the Camel consumer delivers it, into a {@link SourceChange}:
 * values converted by their Debezium semantic types (dates, timestamps, decimals), the row key from
 * the key struct, the position from the change's LSN.
 */
public final class DebeziumChanges {
    /** Debezium's operation code of a logical decoding message ({@code pg_logical_emit_message}). */
    static final String LOGICAL_DECODING_MESSAGE = Envelope.Operation.MESSAGE.code();

    /**
     * Camel bean method: replaces the body by a SourceChange, or by null for what is no change of a row: heartbeats,
     * logical decoding messages (those of a {@code heartbeatActionQuery} among them), tombstones and schema events. The
     * route drops those, and the engine commits their position like any other record's: that is what moves the slot on
     * while the captured tables stay quiet.
     */
    public void toSourceChange(Exchange exchange) {
        Message in = exchange.getIn();
        String op = in.getHeader(DebeziumConstants.HEADER_OPERATION, String.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> source = in.getHeader(DebeziumConstants.HEADER_SOURCE_METADATA, Map.class);
        // a message carries a source (with an empty table name) and an LSN like a change: let it through and it is
        // quarantined as a change of an unmapped table "."
        if (op == null || source == null || LOGICAL_DECODING_MESSAGE.equals(op)) {
            in.setBody(null);
            return;
        }
        String connectorId = in.getHeader("hubConnectorId", String.class);
        Struct row = "d".equals(op) ? in.getHeader(DebeziumConstants.HEADER_BEFORE, Struct.class) : in.getBody(Struct.class);
        Object key = in.getHeader(DebeziumConstants.HEADER_KEY);
        String table = source.get("schema") + "." + source.get("table");
        long lsn = ((Number) source.get("lsn")).longValue();
        Object tsMs = source.get("ts_ms");
        Instant committed = tsMs instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : Instant.now();
        in.setBody(new SourceChange(connectorId, table, keyText(key, row), lsn,
                "d".equals(op) ? SourceChange.Operation.DELETE : SourceChange.Operation.UPSERT, committed, values(row)));
    }

    static Map<String, Object> values(Struct row) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (row == null) {
            return out;
        }
        for (Field f : row.schema().fields()) {
            out.put(f.name(), value(f.schema(), row.get(f)));
        }
        return out;
    }

    static Object value(Schema schema, Object v) {
        if (v == null) {
            return null;
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case "io.debezium.time.Date", "org.apache.kafka.connect.data.Date" -> {
                    return v instanceof java.util.Date d ? LocalDate.ofInstant(d.toInstant(), ZoneOffset.UTC) : LocalDate.ofEpochDay(((Number) v).longValue());
                }
                case "io.debezium.time.MicroTimestamp" -> {
                    long micros = ((Number) v).longValue();
                    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000), (int) Math.floorMod(micros, 1_000_000) * 1000, ZoneOffset.UTC);
                }
                case "io.debezium.time.Timestamp" -> {
                    return LocalDateTime.ofEpochSecond(Math.floorDiv(((Number) v).longValue(), 1000),
                            (int) Math.floorMod(((Number) v).longValue(), 1000) * 1_000_000, ZoneOffset.UTC);
                }
                case "io.debezium.time.ZonedTimestamp" -> {
                    return Instant.parse(String.valueOf(v));
                }
                case "org.apache.kafka.connect.data.Decimal" -> {
                    return v instanceof BigDecimal d ? d : v;
                }
                default -> {
                    // other semantic types (Json, Uuid, ...) arrive as their logical text
                }
            }
        }
        if (v instanceof ByteBuffer b) {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            return bytes;
        }
        return v;
    }

    private static String keyText(Object key, Struct row) {
        if (key instanceof Struct k) {
            StringJoiner j = new StringJoiner("|");
            for (Field f : k.schema().fields()) {
                j.add(String.valueOf(value(f.schema(), k.get(f))));
            }
            return j.toString();
        }
        if (key != null) {
            return String.valueOf(key);
        }
        // a table without a primary key: the whole row is its only identity
        StringJoiner j = new StringJoiner("|");
        values(row).values().forEach(v -> j.add(String.valueOf(v)));
        return j.toString();
    }
}
