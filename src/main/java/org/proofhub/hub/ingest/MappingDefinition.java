package org.proofhub.hub.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one source table becomes one canonical record kind, from {@code mappings/<id>.mapping.yaml}.
 * Field rules are applied in order: read ({@code from} or {@code constant}), transform, default,
 * required, code table, date, check, pattern, then coercion to the canonical field's type.
 */
public record MappingDefinition(String id, int version, String title, String connector, Source source,
                                Target target, Dataset dataset, Map<String, FieldRule> fields, List<Constraint> constraints,
                                String file) {

    public List<Constraint> constraintList() {
        return constraints == null ? List.of() : constraints;
    }

    /** A rule between two mapped date fields, e.g. a repair cannot precede the decision it repairs. */
    public record Constraint(String field, String notBefore, String notAfter) {
    }

    public record Source(String table, Condition when, Condition deleteWhen) {
    }

    public record Target(String kind, String key) {
    }

    /** A data catalog entry (数据目录): what the data set is and how it may be shared. */
    public record Dataset(String name, String content, String sharing, String open, String updateCycle) {
    }

    /** A test on one source column: {@code equals} a value or {@code in} a list. */
    public record Condition(String column, Object equals, List<Object> in) {
        public boolean matches(Map<String, Object> values) {
            Object v = values.get(column);
            String text = v == null ? null : String.valueOf(v).trim();
            if (equals != null) {
                return Objects.equals(String.valueOf(equals), text);
            }
            return in != null && in.stream().map(String::valueOf).anyMatch(x -> x.equals(text));
        }
    }

    public record FieldRule(String from, Object constant, List<String> transform, String date, String codeTable,
                            Map<String, Object> codes, String check, String pattern, Boolean required,
                            @JsonProperty("default") Object defaultValue) {
        public boolean isRequired() {
            return Boolean.TRUE.equals(required);
        }

        public List<String> transforms() {
            return transform == null ? List.of() : transform;
        }
    }
}
