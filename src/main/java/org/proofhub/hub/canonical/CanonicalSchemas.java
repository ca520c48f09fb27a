package org.proofhub.hub.canonical;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * What the canonical Avro schemas in {@code src/main/avro} say about each record kind: its fields,
 * their types, which are required and which hold personal data ({@code "personal": true}).
 */
public final class CanonicalSchemas {
    private static final Map<String, Schema> SCHEMAS = Map.of(
            "Person", Person.SCHEMA$,
            "LegalEntity", LegalEntity.SCHEMA$,
            "CreditRecord", CreditRecord.SCHEMA$,
            "CreditRating", CreditRating.SCHEMA$,
            "Licence", Licence.SCHEMA$);

    private CanonicalSchemas() {
    }

    public static Set<String> kinds() {
        return SCHEMAS.keySet();
    }

    public static Schema schema(String kind) {
        Schema s = SCHEMAS.get(kind);
        if (s == null) {
            throw new IllegalArgumentException("unknown canonical kind '" + kind + "', known: " + SCHEMAS.keySet());
        }
        return s;
    }

    /** The type a mapped value must have for {@code field}, or null when the field does not exist. */
    public static FieldType fieldType(String kind, String field) {
        Schema.Field f = schema(kind).getField(field);
        return f == null ? null : FieldType.of(f.schema());
    }

    /** Fields without a null branch and without a default: a record lacks them, it cannot exist. */
    public static List<String> requiredFields(String kind) {
        return schema(kind).getFields().stream()
                .filter(f -> !f.hasDefaultValue() && f.schema().getType() != Schema.Type.UNION)
                .map(Schema.Field::name)
                .toList();
    }

    public static Set<String> personalFields(String kind) {
        return schema(kind).getFields().stream()
                .filter(f -> Boolean.TRUE.equals(f.getObjectProp("personal")))
                .map(Schema.Field::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    public static Map<String, FieldType> fields(String kind) {
        Map<String, FieldType> out = new LinkedHashMap<>();
        schema(kind).getFields().forEach(f -> out.put(f.name(), FieldType.of(f.schema())));
        return out;
    }

    /** A canonical field's value type, as mappings must produce it. */
    public record FieldType(Kind kind, List<String> symbols, boolean nullable) {
        public enum Kind { STRING, INT, LONG, BOOLEAN, DATE, ENUM }

        static FieldType of(Schema schema) {
            boolean nullable = false;
            Schema s = schema;
            if (s.getType() == Schema.Type.UNION) {
                nullable = s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
                s = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
            }
            if (s.getLogicalType() instanceof LogicalTypes.Date) {
                return new FieldType(Kind.DATE, List.of(), nullable);
            }
            return switch (s.getType()) {
                case STRING -> new FieldType(Kind.STRING, List.of(), nullable);
                case INT -> new FieldType(Kind.INT, List.of(), nullable);
                case LONG -> new FieldType(Kind.LONG, List.of(), nullable);
                case BOOLEAN -> new FieldType(Kind.BOOLEAN, List.of(), nullable);
                case ENUM -> new FieldType(Kind.ENUM, s.getEnumSymbols(), nullable);
                default -> throw new IllegalStateException("canonical schemas use no " + s.getType() + " fields");
            };
        }
    }
}
