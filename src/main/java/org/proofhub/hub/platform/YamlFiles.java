package org.proofhub.hub.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reading the hub's YAML configuration files (connectors, mappings, proof types, the list): parse,
 * check against a JSON Schema bundled under {@code /schemas}, and report every problem with file and key.
 */
public final class YamlFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .findAndRegisterModules();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private YamlFiles() {
    }

    public static ObjectMapper mapper() {
        return YAML;
    }

    /** The schema {@code /schemas/<name>.schema.json} from the hub's classpath. */
    public static Schema bundledSchema(String name) {
        try (InputStream in = YamlFiles.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
            if (in == null) {
                throw new IllegalStateException("schema " + name + ".schema.json missing from the hub's classpath");
            }
            return REGISTRY.getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A schema given as a JSON tree (e.g. a connector type's property definition). */
    public static Schema schema(JsonNode definition) {
        return REGISTRY.getSchema(definition.toString(), InputFormat.JSON);
    }

    /** Parses {@code f} and checks it against {@code schema}; returns null (and adds problems) when either fails. */
    public static JsonNode read(Path f, String file, Schema schema, List<ConfigProblem> problems) {
        JsonNode node;
        try {
            node = YAML.readTree(f.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            problems.add(new ConfigProblem(file, where, "not valid YAML: " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problems.add(new ConfigProblem(file, "", "cannot be read: " + e.getMessage()));
            return null;
        }
        if (node == null || !node.isObject()) {
            problems.add(new ConfigProblem(file, "", "is empty or not a YAML mapping"));
            return null;
        }
        int before = problems.size();
        report(schema.validate(node), file, "", problems);
        return problems.size() == before ? node : null;
    }

    /** Turns JSON Schema errors into problems whose key is the path inside the file. */
    public static void report(List<Error> errors, String file, String prefix, List<ConfigProblem> problems) {
        for (Error e : errors) {
            String location = e.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "").replaceFirst("^/", "").replace('/', '.');
            String key = join(prefix, location);
            if (e.getProperty() != null && "required".equals(e.getKeyword())) {
                key = join(key, e.getProperty());
            }
            String message = e.getMessage();
            int colon = message.indexOf(": ");
            if (message.startsWith("$") && colon > 0) {
                message = message.substring(colon + 2);
            }
            problems.add(new ConfigProblem(file, key, message));
        }
    }

    /** Converts a validated tree into a record; a mismatch is reported as a problem of the whole file. */
    public static <T> T convert(JsonNode node, Class<T> type, String file) {
        try {
            return YAML.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigurationException(List.of(new ConfigProblem(file, "", "cannot be read as " + type.getSimpleName() + ": " + e.getOriginalMessage())));
        }
    }

    /** Regular files in {@code dir} whose name ends with {@code suffix}, sorted; none when the directory is missing. */
    public static List<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The file's name without {@code suffix}: file names are identifiers. */
    public static String fileId(Path f, String suffix) {
        String n = f.getFileName().toString();
        return n.substring(0, n.length() - suffix.length());
    }

    /** Whether the file's {@code id} equals its name; reports a problem when not. */
    public static boolean idMatches(JsonNode node, Path f, String suffix, String file, List<ConfigProblem> problems) {
        String id = node.path("id").asText();
        if (!fileId(f, suffix).equals(id)) {
            problems.add(new ConfigProblem(file, "id", "is '" + id + "' but the file name says '" + fileId(f, suffix) + "'"));
            return false;
        }
        return true;
    }

    public static String relative(Path dir, Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }

    private static String join(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b == null ? "" : b;
        }
        return b == null || b.isEmpty() ? a : a + "." + b;
    }
}
