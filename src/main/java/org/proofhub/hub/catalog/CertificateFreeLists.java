package org.proofhub.hub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.proofhub.hub.platform.ConfigProblem;
import org.proofhub.hub.platform.InvalidConfigurationException;
import org.proofhub.hub.platform.YamlFiles;

/** Reads and checks a certificate-free list file: schema, known proof types, the rules of SPEC §5.5. */
public final class CertificateFreeLists {
    private static final ObjectMapper TREE = YamlFiles.mapper().copy()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final String REGISTER = "not a unit of the hub; an administrator registers it first (PUT /api/admin/units/{code})";

    private CertificateFreeLists() {
    }

    public static CertificateFreeList load(Path file, Set<String> proofTypes) {
        List<ConfigProblem> problems = new ArrayList<>();
        String name = "list/" + file.getFileName();
        JsonNode node = YamlFiles.read(file, name, YamlFiles.bundledSchema("certificate-free-list"), problems);
        if (node == null) {
            throw new InvalidConfigurationException(problems);
        }
        CertificateFreeList list = YamlFiles.convert(node, CertificateFreeList.class, name);
        problems.addAll(check(list, proofTypes, name));
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return list;
    }

    /**
     * The same schema and rules as {@link #load} for a list that did not come from a file (a draft edited
     * through the API); {@code name} names it in the problems.
     */
    public static List<ConfigProblem> validate(CertificateFreeList list, Set<String> proofTypes, String name) {
        return validate(list, proofTypes, null, name);
    }

    /**
     * {@link #validate(CertificateFreeList, Set, String)}, and every responsible and issuing unit must be one of {@code units}
     * (the hub's registered units; null: not checked — the file loaded on a first start comes before its units).
     */
    public static List<ConfigProblem> validate(CertificateFreeList list, Set<String> proofTypes, Set<String> units, String name) {
        List<ConfigProblem> problems = new ArrayList<>();
        JsonNode node = toTree(list);
        YamlFiles.report(YamlFiles.bundledSchema("certificate-free-list").validate(node), name, "", problems);
        if (problems.isEmpty()) {
            problems.addAll(check(list, proofTypes, name));
            if (units != null) {
                problems.addAll(checkUnits(list, units, name));
            }
        }
        return problems;
    }

    /** Every responsible unit and issuing unit the list names is one of {@code units}. */
    public static List<ConfigProblem> checkUnits(CertificateFreeList list, Set<String> units, String file) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            ServiceItem item = list.items().get(i);
            String key = "items[" + i + "]";
            if (!units.contains(item.responsibleUnit())) {
                problems.add(new ConfigProblem(file, key + ".responsibleUnit", "unknown unit " + item.responsibleUnit() + " responsible for "
                        + item.name() + ": " + REGISTER));
            }
            for (int j = 0; j < item.proofs().size(); j++) {
                String issuing = item.proofs().get(j).issuingUnit();
                if (!units.contains(issuing)) {
                    problems.add(new ConfigProblem(file, key + ".proofs[" + j + "].issuingUnit", "unknown unit " + issuing + " issuing "
                            + item.proofs().get(j).proofType() + ": " + REGISTER));
                }
            }
        }
        return problems;
    }

    /** The list as the file would have it (dates as ISO text, no nulls): for storing and checking drafts. */
    public static JsonNode toTree(CertificateFreeList list) {
        return TREE.valueToTree(list);
    }

    /** A stored list back; {@code name} says which in a problem. */
    public static CertificateFreeList fromTree(JsonNode node, String name) {
        return YamlFiles.convert(node, CertificateFreeList.class, name);
    }

    /** The rules a list must keep whatever its source (file or a draft edited through the API). */
    public static List<ConfigProblem> check(CertificateFreeList list, Set<String> proofTypes, String file) {
        List<ConfigProblem> problems = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            ServiceItem item = list.items().get(i);
            String key = "items[" + i + "]";
            if (!codes.add(item.code())) {
                problems.add(new ConfigProblem(file, key + ".code", "service item code " + item.code() + " appears twice"));
            }
            if (item.kind() == ServiceItem.Kind.COMMITMENT && item.promisedLimit() == null) {
                problems.add(new ConfigProblem(file, key + ".promisedLimit", "a commitment item (承诺件) needs its promised time limit"));
            }
            java.util.Optional<Domain> domain = Domain.of(item.domain());
            if (domain.isEmpty()) {
                problems.add(new ConfigProblem(file, key + ".domain", "unknown domain " + item.domain() + " of " + item.name()
                        + ": one of " + Domain.allowed()));
            }
            for (int j = 0; j < item.proofs().size(); j++) {
                ServiceItem.Entry e = item.proofs().get(j);
                String ek = key + ".proofs[" + j + "]";
                if (!proofTypes.contains(e.proofType())) {
                    problems.add(new ConfigProblem(file, ek + ".proofType", "no proof type proofs/" + e.proofType() + ".proof-type.yaml"));
                }
                if (e.method().isCommitment() && domain.isPresent() && domain.get().excluded()) {
                    problems.add(new ConfigProblem(file, ek + ".method", item.name() + " is in the excluded domain " + item.domain()
                            + "（" + domain.get().label() + "）: its proofs can never be replaced by a commitment (SPEC §5.5)"));
                }
                if (e.method().isCommitment() && e.commitment() == null) {
                    problems.add(new ConfigProblem(file, ek + ".commitment", "a commitment method needs the letter's elements "
                            + "(legalProvisions, conditions, supervision, otherNotices)"));
                }
            }
        }
        return problems;
    }
}
