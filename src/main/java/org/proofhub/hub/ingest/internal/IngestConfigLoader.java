package org.proofhub.hub.ingest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.proofhub.hub.canonical.CanonicalSchemas;
import org.proofhub.hub.canonical.CanonicalSchemas.FieldType;
import org.proofhub.hub.ingest.AuthorityRules;
import org.proofhub.hub.ingest.CodeTable;
import org.proofhub.hub.platform.ConfigProblem;
import org.proofhub.hub.platform.InvalidConfigurationException;
import org.proofhub.hub.platform.YamlFiles;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.ingest.ConnectorType;
import org.proofhub.hub.ingest.IngestConfig;
import org.proofhub.hub.ingest.MappingDefinition;
import org.springframework.core.env.PropertyResolver;

/**
 * Reads and validates the integrator's files: connector types ({@code connectors/types/*.kamelet.yaml}),
 * connector instances ({@code connectors/*.connector.yaml}), mappings ({@code mappings/*.mapping.yaml}),
 * code tables ({@code mappings/code-tables/*.code-table.yaml}) and {@code mappings/authority.yaml}.
 * Each file is checked against its JSON Schema, then against the others (types exist, fields exist
 * in the canonical Avro schema, codes are valid enum symbols ...). Every problem names file and key.
 */
public final class IngestConfigLoader {
    static final String TYPES_DIR = "connectors/types";
    static final String CONNECTORS_DIR = "connectors";
    static final String MAPPINGS_DIR = "mappings";
    static final String CODE_TABLES_DIR = "mappings/code-tables";
    static final String AUTHORITY_FILE = "mappings/authority.yaml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

    private final ObjectMapper yaml = YamlFiles.mapper();
    private final Schema connectorSchema = YamlFiles.bundledSchema("connector");
    private final Schema kameletSchema = YamlFiles.bundledSchema("kamelet");
    private final Schema mappingSchema = YamlFiles.bundledSchema("mapping");
    private final Schema codeTableSchema = YamlFiles.bundledSchema("code-table");
    private final Schema authoritySchema = YamlFiles.bundledSchema("authority");
    private final PropertyResolver placeholders;
    // connectors whose file exists but is invalid: their problem is reported once, not again by every mapping
    private final java.util.Set<String> invalidConnectors = new java.util.HashSet<>();

    public IngestConfigLoader(PropertyResolver placeholders) {
        this.placeholders = placeholders;
    }

    /** Loads everything under {@code directory}; throws with all problems found when anything is wrong. */
    public IngestConfig load(Path directory) {
        Result r = read(directory);
        if (!r.problems.isEmpty()) {
            throw new InvalidConfigurationException(r.problems);
        }
        return r.config;
    }

    /** Validates without loading anything into a running hub: the integrator's dry run. */
    public List<ConfigProblem> validate(Path directory) {
        return read(directory).problems;
    }

    private Result read(Path dir) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, ConnectorType> types = readTypes(dir, problems);
        Map<String, CodeTable> codeTables = readCodeTables(dir, problems);
        Map<String, ConnectorDefinition> connectors = readConnectors(dir, types, problems);
        AuthorityRules authority = readAuthority(dir, connectors, problems);
        Map<String, MappingDefinition> mappings = readMappings(dir, connectors, codeTables, authority, problems);
        connectors.values().forEach(c -> {
            for (int i = 0; i < c.mappings().size(); i++) {
                String m = c.mappings().get(i);
                MappingDefinition md = mappings.get(m);
                if (md == null) {
                    problems.add(new ConfigProblem(c.file(), "mappings[" + i + "]", "no mapping file " + MAPPINGS_DIR + "/" + m + ".mapping.yaml"));
                } else if (!md.connector().equals(c.id())) {
                    problems.add(new ConfigProblem(c.file(), "mappings[" + i + "]", "mapping '" + m + "' is written for connector '" + md.connector() + "'"));
                }
            }
        });
        return new Result(new IngestConfig(dir, types, connectors, mappings, codeTables, authority), problems);
    }

    private Map<String, ConnectorType> readTypes(Path dir, List<ConfigProblem> problems) {
        Map<String, ConnectorType> out = new LinkedHashMap<>();
        for (Path f : YamlFiles.list(dir.resolve(TYPES_DIR), ".kamelet.yaml")) {
            String file = YamlFiles.relative(dir, f);
            JsonNode node = YamlFiles.read(f, file, kameletSchema, problems);
            if (node == null) {
                continue;
            }
            String id = node.path("metadata").path("name").asText();
            if (!YamlFiles.fileId(f, ".kamelet.yaml").equals(id)) {
                problems.add(new ConfigProblem(file, "metadata.name", "is '" + id + "' but the file name says '" + YamlFiles.fileId(f, ".kamelet.yaml") + "'"));
                continue;
            }
            JsonNode definition = node.path("spec").path("definition");
            if (!definition.path("properties").has("connectorId")) {
                problems.add(new ConfigProblem(file, "spec.definition.properties.connectorId", "every connector type declares connectorId (the hub sets it)"));
            }
            for (JsonNode req : definition.path("required")) {
                if (!definition.path("properties").has(req.asText())) {
                    problems.add(new ConfigProblem(file, "spec.definition.required", "'" + req.asText() + "' is required but not declared under properties"));
                }
            }
            String kind = node.path("metadata").path("annotations").path("proofhub.org/connector-kind").asText("");
            out.put(id, new ConnectorType(id, definition.path("title").asText(), kind, definition, file, readString(f)));
        }
        return out;
    }

    private Map<String, CodeTable> readCodeTables(Path dir, List<ConfigProblem> problems) {
        Map<String, CodeTable> out = new LinkedHashMap<>();
        for (Path f : YamlFiles.list(dir.resolve(CODE_TABLES_DIR), ".code-table.yaml")) {
            String file = YamlFiles.relative(dir, f);
            JsonNode node = YamlFiles.read(f, file, codeTableSchema, problems);
            if (node == null || !YamlFiles.idMatches(node, f, ".code-table.yaml", file, problems)) {
                continue;
            }
            CodeTable t = YamlFiles.convert(node, CodeTable.class, file);
            out.put(t.id(), t);
        }
        return out;
    }

    private Map<String, ConnectorDefinition> readConnectors(Path dir, Map<String, ConnectorType> types, List<ConfigProblem> problems) {
        Map<String, ConnectorDefinition> out = new LinkedHashMap<>();
        invalidConnectors.clear();
        for (Path f : YamlFiles.list(dir.resolve(CONNECTORS_DIR), ".connector.yaml")) {
            String file = YamlFiles.relative(dir, f);
            JsonNode node = YamlFiles.read(f, file, connectorSchema, problems);
            if (node == null || !YamlFiles.idMatches(node, f, ".connector.yaml", file, problems)) {
                continue;
            }
            String id = node.path("id").asText();
            invalidConnectors.add(id);
            ConnectorType type = types.get(node.path("type").asText());
            if (type == null) {
                problems.add(new ConfigProblem(file, "type", "unknown connector type '" + node.path("type").asText()
                        + "'; known: " + types.keySet()));
                continue;
            }
            ObjectNode props = ((ObjectNode) node.path("properties")).deepCopy();
            props.put("connectorId", id);
            int before = problems.size();
            resolvePlaceholders(props, "properties", file, problems);
            if (problems.size() > before) {
                continue;
            }
            coerceToDeclaredTypes(props, type.definition().path("properties"));
            type.definition().path("properties").fields().forEachRemaining(d -> {
                if (!props.has(d.getKey()) && d.getValue().has("default")) {
                    props.set(d.getKey(), d.getValue().get("default"));
                }
            });
            Schema propertySchema = YamlFiles.schema(type.definition());
            YamlFiles.report(propertySchema.validate(props), file, "properties", problems);
            for (Iterator<String> it = props.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!type.definition().path("properties").has(name)) {
                    problems.add(new ConfigProblem(file, "properties." + name, "connector type '" + type.id()
                            + "' has no such property; it has " + names(type.definition().path("properties"))));
                }
            }
            Map<String, Object> values = yaml.convertValue(props, Map.class);
            List<String> mappings = yaml.convertValue(node.path("mappings"), List.class);
            invalidConnectors.remove(id);
            out.put(id, new ConnectorDefinition(id, node.path("title").asText(), node.path("unit").asText(), type.id(),
                    node.path("enabled").asBoolean(true), node.path("description").asText(null), values, mappings, file));
        }
        return out;
    }

    private AuthorityRules readAuthority(Path dir, Map<String, ConnectorDefinition> connectors, List<ConfigProblem> problems) {
        Path f = dir.resolve(AUTHORITY_FILE);
        if (!Files.exists(f)) {
            problems.add(new ConfigProblem(AUTHORITY_FILE, "", "missing from " + dir + ": it names the authoritative source of each canonical kind (一数一源)"));
            return new AuthorityRules(Map.of());
        }
        JsonNode node = YamlFiles.read(f, AUTHORITY_FILE, authoritySchema, problems);
        if (node == null) {
            return new AuthorityRules(Map.of());
        }
        AuthorityRules rules = YamlFiles.convert(node, AuthorityRules.class, AUTHORITY_FILE);
        rules.authority().forEach((kind, k) -> {
            String key = "authority." + kind;
            if (!CanonicalSchemas.kinds().contains(kind)) {
                problems.add(new ConfigProblem(AUTHORITY_FILE, key, "unknown canonical kind; known: " + CanonicalSchemas.kinds()));
                return;
            }
            for (String owner : k.ownerList()) {
                if (!connectors.containsKey(owner) && !invalidConnectors.contains(owner)) {
                    problems.add(new ConfigProblem(AUTHORITY_FILE, key + (k.owners() == null ? ".owner" : ".owners"), "no connector '" + owner + "'"));
                }
            }
            if (k.fields() != null) {
                k.fields().forEach((field, connector) -> {
                    if (CanonicalSchemas.fieldType(kind, field) == null) {
                        problems.add(new ConfigProblem(AUTHORITY_FILE, key + ".fields." + field, kind + " has no field '" + field + "'"));
                    }
                    if (!connectors.containsKey(connector)) {
                        problems.add(new ConfigProblem(AUTHORITY_FILE, key + ".fields." + field, "no connector '" + connector + "'"));
                    }
                });
            }
        });
        return rules;
    }

    private Map<String, MappingDefinition> readMappings(Path dir, Map<String, ConnectorDefinition> connectors,
                                                        Map<String, CodeTable> codeTables, AuthorityRules authority,
                                                        List<ConfigProblem> problems) {
        Map<String, MappingDefinition> out = new LinkedHashMap<>();
        for (Path f : YamlFiles.list(dir.resolve(MAPPINGS_DIR), ".mapping.yaml")) {
            String file = YamlFiles.relative(dir, f);
            JsonNode node = YamlFiles.read(f, file, mappingSchema, problems);
            if (node == null || !YamlFiles.idMatches(node, f, ".mapping.yaml", file, problems)) {
                continue;
            }
            MappingDefinition m = YamlFiles.convert(node, MappingDefinition.class, file);
            m = new MappingDefinition(m.id(), m.version(), m.title(), m.connector(), m.source(), m.target(), m.dataset(), m.fields(),
                    m.constraintList(), file);
            checkMapping(m, connectors, codeTables, authority, problems);
            out.put(m.id(), m);
        }
        return out;
    }

    private void checkMapping(MappingDefinition m, Map<String, ConnectorDefinition> connectors, Map<String, CodeTable> codeTables,
                              AuthorityRules authority, List<ConfigProblem> problems) {
        String file = m.file();
        if (!connectors.containsKey(m.connector()) && !invalidConnectors.contains(m.connector())) {
            problems.add(new ConfigProblem(file, "connector", "no connector '" + m.connector() + "' in " + CONNECTORS_DIR + "/"));
        }
        String kind = m.target().kind();
        if (!m.fields().containsKey(m.target().key())) {
            problems.add(new ConfigProblem(file, "target.key", "'" + m.target().key() + "' is not one of the mapped fields"));
        }
        boolean owner = authority.isOwner(kind, m.connector());
        if (owner) {
            for (String required : CanonicalSchemas.requiredFields(kind)) {
                if (!m.fields().containsKey(required)) {
                    problems.add(new ConfigProblem(file, "fields", kind + "." + required + " is required by the canonical schema and this mapping's connector owns " + kind + ", so it must map it"));
                }
            }
        }
        for (int i = 0; i < m.constraintList().size(); i++) {
            MappingDefinition.Constraint c = m.constraintList().get(i);
            for (String f : java.util.Arrays.asList(c.field(), c.notBefore(), c.notAfter())) {
                if (f == null) {
                    continue;
                }
                if (!m.fields().containsKey(f)) {
                    problems.add(new ConfigProblem(file, "constraints[" + i + "]", "'" + f + "' is not one of the mapped fields"));
                } else if (CanonicalSchemas.fieldType(kind, f) != null && CanonicalSchemas.fieldType(kind, f).kind() != FieldType.Kind.DATE) {
                    problems.add(new ConfigProblem(file, "constraints[" + i + "]", "'" + f + "' is not a date field; notBefore/notAfter compare dates"));
                }
            }
        }
        m.fields().forEach((name, rule) -> {
            String key = "fields." + name;
            FieldType type = CanonicalSchemas.fieldType(kind, name);
            if (type == null) {
                problems.add(new ConfigProblem(file, key, kind + " has no field '" + name + "'; it has " + CanonicalSchemas.fields(kind).keySet()));
                return;
            }
            Map<String, Object> codes = rule.codes();
            if (rule.codeTable() != null) {
                CodeTable t = codeTables.get(rule.codeTable());
                if (t == null) {
                    problems.add(new ConfigProblem(file, key + ".codeTable", "no code table " + CODE_TABLES_DIR + "/" + rule.codeTable() + ".code-table.yaml"));
                } else {
                    codes = t.codes();
                }
                if (rule.codes() != null) {
                    problems.add(new ConfigProblem(file, key, "give codeTable or codes, not both"));
                }
            }
            if (codes != null && type.kind() == FieldType.Kind.ENUM) {
                codes.forEach((code, value) -> {
                    if (!type.symbols().contains(String.valueOf(value))) {
                        problems.add(new ConfigProblem(file, key, "code '" + code + "' maps to '" + value + "', which is not a value of " + kind + "." + name + " " + type.symbols()));
                    }
                });
            }
            if (codes == null && type.kind() == FieldType.Kind.ENUM && rule.constant() == null) {
                problems.add(new ConfigProblem(file, key, kind + "." + name + " takes one of " + type.symbols() + ": give a codeTable or codes that translate the source's codes"));
            }
            if (rule.constant() != null && type.kind() == FieldType.Kind.ENUM && !type.symbols().contains(String.valueOf(rule.constant()))) {
                problems.add(new ConfigProblem(file, key + ".constant", "'" + rule.constant() + "' is not one of " + type.symbols()));
            }
            if (rule.date() != null) {
                if (type.kind() != FieldType.Kind.DATE) {
                    problems.add(new ConfigProblem(file, key + ".date", kind + "." + name + " is not a date field"));
                } else {
                    try {
                        java.time.format.DateTimeFormatter.ofPattern(rule.date());
                    } catch (IllegalArgumentException e) {
                        problems.add(new ConfigProblem(file, key + ".date", "not a date pattern: " + e.getMessage()));
                    }
                }
            }
            if (rule.pattern() != null) {
                try {
                    Pattern.compile(rule.pattern());
                } catch (PatternSyntaxException e) {
                    problems.add(new ConfigProblem(file, key + ".pattern", "not a regular expression: " + e.getDescription()));
                }
            }
            if (rule.check() != null && type.kind() != FieldType.Kind.STRING) {
                problems.add(new ConfigProblem(file, key + ".check", "check-character validation applies to text fields"));
            }
        });
    }

    private void resolvePlaceholders(ObjectNode props, String path, String file, List<ConfigProblem> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual() && PLACEHOLDER.matcher(e.getValue().asText()).find()) {
                try {
                    e.setValue(TextNode.valueOf(placeholders.resolveRequiredPlaceholders(e.getValue().asText())));
                } catch (IllegalArgumentException ex) {
                    problems.add(new ConfigProblem(file, path + "." + e.getKey(), "placeholder cannot be resolved: " + ex.getMessage()));
                }
            }
        }
    }

    /** Placeholders resolve to text; turn "5432" back into 5432 where the type declares an integer. */
    private static void coerceToDeclaredTypes(ObjectNode props, JsonNode declared) {
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String type = declared.path(e.getKey()).path("type").asText();
            String text = e.getValue().asText();
            if (!e.getValue().isTextual()) {
                continue;
            }
            if ("integer".equals(type) && text.matches("-?\\d+")) {
                e.setValue(props.numberNode(Long.parseLong(text)));
            } else if ("boolean".equals(type) && (text.equals("true") || text.equals("false"))) {
                e.setValue(props.booleanNode(Boolean.parseBoolean(text)));
            }
        }
    }

    private static String readString(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private record Result(IngestConfig config, List<ConfigProblem> problems) {
    }
}
