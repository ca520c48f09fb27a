package org.proofhub.hub.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.proofhub.hub.canonical.CanonicalSchemas;
import org.proofhub.hub.platform.ConfigProblem;
import org.proofhub.hub.platform.InvalidConfigurationException;
import org.proofhub.hub.platform.YamlFiles;

/** The proof types in {@code proofs/*.proof-type.yaml}, validated against their schema and the canonical records. */
public final class ProofTypes {
    static final String SUFFIX = ".proof-type.yaml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    /** Placeholders every statement may use besides its facts. */
    static final Set<String> ANNOTATIONS = Set.of("extractionTime", "subjectName", "subjectId", "subjectIdLabel", "count");

    private final Map<String, ProofType> types;

    private ProofTypes(Map<String, ProofType> types) {
        this.types = types;
    }

    public static ProofTypes load(Path directory) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, ProofType> types = new LinkedHashMap<>();
        Schema schema = YamlFiles.bundledSchema("proof-type");
        for (Path f : YamlFiles.list(directory, SUFFIX)) {
            String file = "proofs/" + f.getFileName();
            JsonNode node = YamlFiles.read(f, file, schema, problems);
            if (node == null || !YamlFiles.idMatches(node, f, SUFFIX, file, problems)) {
                continue;
            }
            ProofType t = YamlFiles.convert(node, ProofType.class, file);
            check(t, file, problems);
            types.put(t.id(), t);
        }
        if (types.isEmpty() && problems.isEmpty()) {
            problems.add(new ConfigProblem("proofs/", "", "no proof types in " + directory));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return new ProofTypes(types);
    }

    private static void check(ProofType t, String file, List<ConfigProblem> problems) {
        if (t.source() == null) {
            if (t.statement() != null || t.statementNone() != null) {
                problems.add(new ConfigProblem(file, "statement", "a statement needs a source to take its facts from"));
            }
            checkAnsweredFacts(t, file, problems);
            return;
        }
        String kind = t.source().kind();
        for (String f : new String[]{t.source().match(), t.source().name(), t.source().select()}) {
            if (f != null && CanonicalSchemas.fieldType(kind, f) == null) {
                problems.add(new ConfigProblem(file, "source", kind + " has no field '" + f + "'"));
            }
        }
        if (t.source().where() != null) {
            t.source().where().keySet().forEach(f -> {
                if (CanonicalSchemas.fieldType(kind, f) == null) {
                    problems.add(new ConfigProblem(file, "source.where." + f, kind + " has no field '" + f + "'"));
                }
            });
        }
        if (t.facts() == null || t.facts().isEmpty()) {
            problems.add(new ConfigProblem(file, "facts", "a data-query proof states at least one fact"));
            return;
        }
        Set<String> keys = new java.util.HashSet<>(ANNOTATIONS);
        for (int i = 0; i < t.facts().size(); i++) {
            ProofType.Fact fact = t.facts().get(i);
            if (fact.field() != null && CanonicalSchemas.fieldType(kind, fact.field()) == null) {
                problems.add(new ConfigProblem(file, "facts[" + i + "].field", kind + " has no field '" + fact.field() + "'"));
            }
            if (fact.isList() && !t.source().isMany()) {
                problems.add(new ConfigProblem(file, "facts[" + i + "].list", "list facts need source.many: true"));
            }
            keys.add(fact.key());
        }
        for (String statement : new String[]{t.statement(), t.statementNone()}) {
            if (statement == null) {
                continue;
            }
            Matcher m = PLACEHOLDER.matcher(statement);
            while (m.find()) {
                if (!keys.contains(m.group(1))) {
                    problems.add(new ConfigProblem(file, "statement", "{" + m.group(1) + "} is neither a fact nor one of " + ANNOTATIONS));
                }
            }
        }
    }

    /**
     * Without a source, facts name what the issuing unit answers when it confirms a verification request: each a field
     * with its label (and the labels of coded values), which the sealed proof shows instead of the field's name.
     */
    private static void checkAnsweredFacts(ProofType t, String file, List<ConfigProblem> problems) {
        if (t.facts() == null) {
            return;
        }
        Set<String> fields = new java.util.HashSet<>();
        for (int i = 0; i < t.facts().size(); i++) {
            ProofType.Fact fact = t.facts().get(i);
            if (fact.field() == null || fact.field().isBlank() || fact.aggregate() != null || fact.computed() != null || fact.isList()) {
                problems.add(new ConfigProblem(file, "facts[" + i + "]", "a proof without a source lists answered facts: a field and its label,"
                        + " no aggregate, computed value or list"));
            } else if (!fields.add(fact.field())) {
                problems.add(new ConfigProblem(file, "facts[" + i + "].field", "'" + fact.field() + "' is listed twice"));
            }
            if (fact.label() == null || fact.label().isBlank()) {
                problems.add(new ConfigProblem(file, "facts[" + i + "].label", "an answered fact needs the label its proof shows"));
            }
        }
    }

    public Optional<ProofType> find(String id) {
        return Optional.ofNullable(types.get(id));
    }

    public Map<String, ProofType> all() {
        return types;
    }
}
