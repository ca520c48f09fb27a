package org.proofhub.hub.catalog;

import com.fasterxml.jackson.databind.JsonNode;
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
            for (int j = 0; j < item.proofs().size(); j++) {
                ServiceItem.Entry e = item.proofs().get(j);
                String ek = key + ".proofs[" + j + "]";
                if (!proofTypes.contains(e.proofType())) {
                    problems.add(new ConfigProblem(file, ek + ".proofType", "no proof type proofs/" + e.proofType() + ".proof-type.yaml"));
                }
                if (e.method().isCommitment() && CertificateFreeList.EXCLUDED_DOMAINS.contains(item.domain())) {
                    problems.add(new ConfigProblem(file, ek + ".method", item.name() + " is in the excluded domain " + item.domain()
                            + ": its proofs can never be replaced by a commitment (SPEC §5.5)"));
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
