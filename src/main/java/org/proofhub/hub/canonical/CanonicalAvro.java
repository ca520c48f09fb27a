package org.proofhub.hub.canonical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Turns the canonical store's JSON-shaped values into Avro records and the {@link CanonicalChange}
 * message published on {@code hub.canonical.<kind>} (Avro single-object encoding, so a consumer can
 * tell the schema by its fingerprint).
 */
public final class CanonicalAvro {
    private static final GenericData MODEL = new GenericData();
    private static final BinaryMessageEncoder<GenericRecord> ENCODER;

    static {
        MODEL.addLogicalTypeConversion(new TimeConversions.DateConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        ENCODER = new BinaryMessageEncoder<>(MODEL, CanonicalChange.SCHEMA$);
    }

    private CanonicalAvro() {
    }

    /** The Artemis address on which changes of {@code kind} are published. */
    public static String address(String kind) {
        return "hub.canonical." + kind.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Builds the payload record of {@code kind} from canonical values (dates as ISO text, enums as
     * symbol text).
     *
     * @throws IllegalArgumentException naming the field when a value does not fit the schema
     */
    public static GenericRecord payload(String kind, Map<String, Object> values) {
        Schema schema = CanonicalSchemas.schema(kind);
        GenericData.Record r = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            Object v = values.get(f.name());
            r.put(f.pos(), v == null ? null : avroValue(f, v));
        }
        // GenericData.validate ignores logical-type conversions (a LocalDate is not an int to it): check what matters here
        List<String> missing = missing(schema, r);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(kind + " record is incomplete: required fields " + missing + " have no value");
        }
        return r;
    }

    public static byte[] encodeChange(String changeId, String kind, String recordKey, boolean delete, long version,
                                      Lineage lineage, Map<String, String> fieldSources, Map<String, Object> payload) {
        GenericData.Record change = new GenericData.Record(CanonicalChange.SCHEMA$);
        change.put("changeId", changeId);
        change.put("kind", new GenericData.EnumSymbol(CanonicalKind.SCHEMA$, kind));
        change.put("recordKey", recordKey);
        change.put("operation", new GenericData.EnumSymbol(ChangeOperation.SCHEMA$, delete ? "DELETE" : "UPSERT"));
        change.put("version", version);
        change.put("lineage", lineage);
        change.put("fieldSources", fieldSources);
        change.put("payload", payload == null || payload.isEmpty() ? null : payload(kind, payload));
        try {
            ByteBuffer buf = ENCODER.encode(change);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Avro encoding of a " + kind + " change failed", e);
        }
    }

    /** Decodes a message from {@code hub.canonical.*} into the generated class. */
    public static CanonicalChange decodeChange(byte[] message) {
        try {
            return CanonicalChange.getDecoder().decode(message);
        } catch (IOException e) {
            throw new UncheckedIOException("not a CanonicalChange message", e);
        }
    }

    private static Object avroValue(Schema.Field f, Object v) {
        Schema s = f.schema();
        if (s.getType() == Schema.Type.UNION) {
            s = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
        }
        if (s.getLogicalType() != null && "date".equals(s.getLogicalType().getName())) {
            return v instanceof LocalDate d ? d : LocalDate.parse(String.valueOf(v));
        }
        if (s.getLogicalType() != null && "timestamp-millis".equals(s.getLogicalType().getName())) {
            return v instanceof Instant i ? i : Instant.parse(String.valueOf(v));
        }
        return switch (s.getType()) {
            case ENUM -> new GenericData.EnumSymbol(s, String.valueOf(v));
            case INT -> ((Number) v).intValue();
            case LONG -> ((Number) v).longValue();
            case BOOLEAN -> v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v));
            default -> String.valueOf(v);
        };
    }

    private static List<String> missing(Schema schema, GenericData.Record r) {
        return schema.getFields().stream()
                .filter(f -> r.get(f.pos()) == null && f.schema().getType() != Schema.Type.UNION)
                .map(Schema.Field::name).toList();
    }
}
