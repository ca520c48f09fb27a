package org.proofhub.hub.ingest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.proofhub.hub.canonical.CanonicalSchemas;
import org.proofhub.hub.canonical.CanonicalSchemas.FieldType;
import org.proofhub.hub.ingest.IngestConfig;
import org.proofhub.hub.ingest.MappingDefinition;
import org.proofhub.hub.ingest.MappingDefinition.FieldRule;
import org.proofhub.hub.ingest.SourceChange;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.proofhub.hub.ingest.check.LicenceIds;
import org.proofhub.hub.ingest.check.Usccs;
import org.proofhub.hub.platform.BeijingTime;

/**
 * Applies mapping files to source changes. Stateless apart from compiled patterns; one instance per
 * configuration snapshot. Reasons for rejection name columns, fields and codes, never the values of
 * personal data.
 */
public final class MappingEngine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SOURCE_ZONE = BeijingTime.ZONE;

    private final IngestConfig config;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();
    private final Map<String, DateTimeFormatter> dateFormats = new ConcurrentHashMap<>();

    public MappingEngine(IngestConfig config) {
        this.config = config;
    }

    public IngestConfig config() {
        return config;
    }

    /** Every mapping of the change's connector and table applied to it; empty when none is declared. */
    List<MappingOutcome> apply(SourceChange change) {
        List<MappingDefinition> mappings = config.mappingsFor(change.connectorId(), change.sourceTable());
        List<MappingOutcome> out = new ArrayList<>(mappings.size());
        for (MappingDefinition m : mappings) {
            out.add(apply(m, change));
        }
        return out;
    }

    MappingOutcome apply(MappingDefinition m, SourceChange change) {
        Map<String, Object> values = change.values();
        if (change.operation() == SourceChange.Operation.DELETE) {
            return new MappingOutcome.Normalised(m, change, m.target().kind(), keyIfPresent(m, values),
                    SourceChange.Operation.DELETE, Map.of());
        }
        if (m.source().when() != null && !m.source().when().matches(values)) {
            return new MappingOutcome.NotApplicable(m);
        }
        boolean softDeleted = m.source().deleteWhen() != null && m.source().deleteWhen().matches(values);
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, Object> parsedJson = new HashMap<>();
        m.fields().forEach((name, rule) -> {
            try {
                Object v = field(m, name, rule, values, parsedJson);
                fields.put(name, v);
            } catch (FieldProblem p) {
                problems.add(name + (rule.from() != null ? " (from " + rule.from() + ")" : "") + ": " + p.getMessage());
            }
        });
        for (MappingDefinition.Constraint c : m.constraintList()) {
            Object value = fields.get(c.field());
            // dates are ISO text here, so text order is date order
            if (value != null && c.notBefore() != null && fields.get(c.notBefore()) != null
                    && String.valueOf(value).compareTo(String.valueOf(fields.get(c.notBefore()))) < 0) {
                problems.add(c.field() + " is before " + c.notBefore());
            }
            if (value != null && c.notAfter() != null && fields.get(c.notAfter()) != null
                    && String.valueOf(value).compareTo(String.valueOf(fields.get(c.notAfter()))) > 0) {
                problems.add(c.field() + " is after " + c.notAfter());
            }
        }
        String key = fields.get(m.target().key()) == null ? null : String.valueOf(fields.get(m.target().key()));
        if (softDeleted) {
            // a soft delete needs only the key; other defects of a retired row do not matter
            return key == null
                    ? new MappingOutcome.Rejected(m, change, "soft-deleted row without a usable key: " + String.join("; ", problems))
                    : new MappingOutcome.Normalised(m, change, m.target().kind(), key, SourceChange.Operation.DELETE, fields);
        }
        if (!problems.isEmpty()) {
            String reason = (problems.size() == 1 ? "" : problems.size() + " problems: ") + String.join("; ", problems);
            return new MappingOutcome.Rejected(m, change, reason);
        }
        return new MappingOutcome.Normalised(m, change, m.target().kind(), key, SourceChange.Operation.UPSERT, fields);
    }

    private String keyIfPresent(MappingDefinition m, Map<String, Object> values) {
        FieldRule rule = m.fields().get(m.target().key());
        try {
            Object v = field(m, m.target().key(), rule, values, new HashMap<>());
            return v == null ? null : String.valueOf(v);
        } catch (FieldProblem e) {
            return null;
        }
    }

    private Object field(MappingDefinition m, String name, FieldRule rule, Map<String, Object> values,
                         Map<String, Object> parsedJson) throws FieldProblem {
        FieldType type = CanonicalSchemas.fieldType(m.target().kind(), name);
        Object v = rule.constant() != null ? rule.constant() : read(values, rule.from(), parsedJson);
        if (v instanceof String s) {
            s = transform(s, rule.transforms());
            v = s.isEmpty() ? null : s;
        }
        if (v == null && rule.defaultValue() != null) {
            v = rule.defaultValue();
        }
        if (v == null) {
            if (rule.isRequired() || !type.nullable()) {
                throw new FieldProblem("is missing but required");
            }
            return null;
        }
        Map<String, Object> codes = rule.codes() != null ? rule.codes()
                : rule.codeTable() != null ? config.codeTables().get(rule.codeTable()).codes() : null;
        if (codes != null) {
            String code = text(v).trim();
            if (!codes.containsKey(code)) {
                throw new FieldProblem("unknown code '" + printable(code) + "'"
                        + (rule.codeTable() != null ? " (code table " + rule.codeTable() + ")" : " (not in the mapping's codes)"));
            }
            v = codes.get(code);
        }
        Object typed = coerce(v, type, rule);
        if (rule.check() != null) {
            String problem = checkProblem(rule.check(), (String) typed);
            if (problem != null) {
                throw new FieldProblem(problem);
            }
        }
        if (rule.pattern() != null && !patterns.computeIfAbsent(rule.pattern(), Pattern::compile).matcher(text(typed)).matches()) {
            throw new FieldProblem("does not match the pattern " + rule.pattern());
        }
        return typed;
    }

    private Object coerce(Object v, FieldType type, FieldRule rule) throws FieldProblem {
        return switch (type.kind()) {
            case STRING -> text(v);
            case ENUM -> {
                String s = text(v);
                if (!type.symbols().contains(s)) {
                    throw new FieldProblem("'" + printable(s) + "' is not one of " + type.symbols());
                }
                yield s;
            }
            case BOOLEAN -> {
                if (v instanceof Boolean b) {
                    yield b;
                }
                String s = text(v).trim().toLowerCase(Locale.ROOT);
                if (!s.equals("true") && !s.equals("false")) {
                    throw new FieldProblem("is not true or false");
                }
                yield Boolean.parseBoolean(s);
            }
            case INT, LONG -> {
                try {
                    long l = v instanceof Number n ? n.longValue() : Long.parseLong(text(v).trim());
                    yield type.kind() == FieldType.Kind.INT ? (Object) Math.toIntExact(l) : (Object) l;
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new FieldProblem("is not a whole number");
                }
            }
            case DATE -> date(v, rule.date()).toString();
        };
    }

    private LocalDate date(Object v, String pattern) throws FieldProblem {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toLocalDate();
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalDate();
        }
        if (v instanceof OffsetDateTime t) {
            return t.atZoneSameInstant(SOURCE_ZONE).toLocalDate();
        }
        if (v instanceof ZonedDateTime t) {
            return t.withZoneSameInstant(SOURCE_ZONE).toLocalDate();
        }
        if (v instanceof Instant i) {
            return i.atZone(SOURCE_ZONE).toLocalDate();
        }
        String s = text(v).trim();
        DateTimeFormatter f = pattern == null ? DateTimeFormatter.ISO_LOCAL_DATE
                : dateFormats.computeIfAbsent(pattern, p -> DateTimeFormatter.ofPattern(p.replace("yyyy", "uuuu"))
                .withResolverStyle(ResolverStyle.STRICT));
        try {
            return LocalDate.parse(s, f);
        } catch (DateTimeParseException e) {
            throw new FieldProblem("is not a valid date in the format " + (pattern == null ? "yyyy-MM-dd" : pattern));
        }
    }

    private static String checkProblem(String check, String value) {
        return switch (check) {
            case "citizen-id" -> prefixed("citizen ID", CitizenIds.problem(value));
            case "uscc" -> prefixed("USCC", Usccs.problem(value));
            case "licence-id" -> prefixed("licence ID", LicenceIds.problem(value));
            // an all-digit USCC has the shape of a citizen ID: valid as either one is valid
            case "citizen-id-or-uscc" -> CitizenIds.isValid(value) || Usccs.isValid(value) ? null
                    : looksLikeCitizenId(value)
                    ? "neither a valid citizen ID (" + CitizenIds.problem(value) + ") nor a valid USCC (" + Usccs.problem(value) + ")"
                    : prefixed("USCC", Usccs.problem(value));
            default -> throw new IllegalStateException("unknown check " + check + " passed schema validation");
        };
    }

    private static boolean looksLikeCitizenId(String v) {
        return v.length() == 18 && v.substring(0, 17).chars().allMatch(Character::isDigit)
                && (Character.isDigit(v.charAt(17)) || v.charAt(17) == 'X');
    }

    private static String prefixed(String what, String problem) {
        return problem == null ? null : what + " " + problem;
    }

    private static Object read(Map<String, Object> values, String from, Map<String, Object> parsedJson) throws FieldProblem {
        if (values.containsKey(from)) {
            return values.get(from);
        }
        int dot = from.indexOf('.');
        if (dot < 0) {
            return caseInsensitive(values, from);
        }
        String column = from.substring(0, dot);
        Object root = parsedJson.containsKey(column) ? parsedJson.get(column) : parseJsonColumn(caseInsensitive(values, column));
        parsedJson.put(column, root);
        Object node = root;
        for (String part : from.substring(dot + 1).split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    private static Object caseInsensitive(Map<String, Object> values, String column) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getKey().equalsIgnoreCase(column)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Object parseJsonColumn(Object v) throws FieldProblem {
        if (v == null || v instanceof Map) {
            return v;
        }
        String s = v instanceof org.postgresql.util.PGobject pg ? pg.getValue() : String.valueOf(v);
        if (s == null) {
            return null;
        }
        try {
            return JSON.readValue(s, Map.class);
        } catch (JsonProcessingException e) {
            throw new FieldProblem("the JSON column is not a JSON object");
        }
    }

    static String transform(String s, List<String> transforms) {
        for (String t : transforms) {
            s = switch (t) {
                case "trim" -> s.strip();
                case "upper" -> s.toUpperCase(Locale.ROOT);
                case "lower" -> s.toLowerCase(Locale.ROOT);
                case "collapse-spaces" -> s.replaceAll("[\\s\u3000]+", " ");
                // full-width digits, letters and the ideographic space that Chinese input methods produce
                case "half-width" -> Normalizer.normalize(s, Normalizer.Form.NFKC);
                default -> throw new IllegalStateException("unknown transform " + t + " passed schema validation");
            };
        }
        return s;
    }

    static String text(Object v) {
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof org.postgresql.util.PGobject pg) {
            return pg.getValue();
        }
        return String.valueOf(v);
    }

    /** Codes are short and not personal, but a dirty column can hold anything: show codes only when they look like codes. */
    private static String printable(String code) {
        return code.length() <= 8 && code.matches("[\\p{Alnum}_-]*") ? code : "<" + code.length() + " characters>";
    }

    /** A field fails its rule; the message never carries the value itself. */
    static final class FieldProblem extends Exception {
        FieldProblem(String message) {
            super(message, null, false, false);
        }
    }
}
