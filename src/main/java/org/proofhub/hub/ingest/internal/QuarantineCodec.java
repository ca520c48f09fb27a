package org.proofhub.hub.ingest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.proofhub.hub.ingest.SourceChange;

/**
 * Serialises a source change for the quarantine so that a replay sees the values with the types the
 * connector delivered (a date stays a date, a decimal a decimal). The bytes are encrypted before storage.
 */
final class QuarantineCodec {
    private final ObjectMapper json = new ObjectMapper();

    byte[] encode(SourceChange ch) {
        ObjectNode root = json.createObjectNode();
        root.put("connectorId", ch.connectorId());
        root.put("sourceTable", ch.sourceTable());
        root.put("sourceKey", ch.sourceKey());
        root.put("position", ch.position());
        root.put("operation", ch.operation().name());
        root.put("capturedAt", ch.capturedAt().toString());
        ObjectNode values = root.putObject("values");
        ch.values().forEach((k, v) -> values.set(k, typed(v)));
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SourceChange decode(byte[] bytes) {
        try {
            JsonNode root = json.readTree(bytes);
            Map<String, Object> values = new LinkedHashMap<>();
            root.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), untyped(e.getValue())));
            return new SourceChange(root.path("connectorId").asText(), root.path("sourceTable").asText(),
                    root.path("sourceKey").asText(), root.path("position").asLong(),
                    SourceChange.Operation.valueOf(root.path("operation").asText()),
                    Instant.parse(root.path("capturedAt").asText()), values);
        } catch (IOException e) {
            throw new UncheckedIOException("quarantined payload is unreadable", e);
        }
    }

    private JsonNode typed(Object v) {
        ObjectNode n = json.createObjectNode();
        if (v == null) {
            return n.nullNode();
        } else if (v instanceof String s) {
            n.put("s", s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            n.put("l", ((Number) v).longValue());
        } else if (v instanceof BigDecimal d) {
            n.put("d", d.toPlainString());
        } else if (v instanceof Double || v instanceof Float) {
            n.put("f", ((Number) v).doubleValue());
        } else if (v instanceof Boolean b) {
            n.put("b", b);
        } else if (v instanceof LocalDate d) {
            n.put("date", d.toString());
        } else if (v instanceof java.sql.Date d) {
            n.put("date", d.toLocalDate().toString());
        } else if (v instanceof LocalDateTime t) {
            n.put("ldt", t.toString());
        } else if (v instanceof java.sql.Timestamp t) {
            n.put("ldt", t.toLocalDateTime().toString());
        } else if (v instanceof Instant i) {
            n.put("ts", i.toString());
        } else if (v instanceof OffsetDateTime t) {
            n.put("ts", t.toInstant().toString());
        } else if (v instanceof Map<?, ?> m) {
            n.set("json", json.valueToTree(m));
        } else {
            n.put("s", v instanceof org.postgresql.util.PGobject pg ? pg.getValue() : String.valueOf(v));
        }
        return n;
    }

    private Object untyped(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.has("s")) {
            return n.get("s").asText();
        }
        if (n.has("l")) {
            return n.get("l").asLong();
        }
        if (n.has("d")) {
            return new BigDecimal(n.get("d").asText());
        }
        if (n.has("f")) {
            return n.get("f").asDouble();
        }
        if (n.has("b")) {
            return n.get("b").asBoolean();
        }
        if (n.has("date")) {
            return LocalDate.parse(n.get("date").asText());
        }
        if (n.has("ldt")) {
            return LocalDateTime.parse(n.get("ldt").asText());
        }
        if (n.has("ts")) {
            return Instant.parse(n.get("ts").asText());
        }
        if (n.has("json")) {
            return json.convertValue(n.get("json"), Map.class);
        }
        return null;
    }
}
