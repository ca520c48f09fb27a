package org.proofhub.hub.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A version of the certificate-free list (无证明事项清单): per service item, which proofs it needs
 * and by which method each is obtained.
 */
public record CertificateFreeList(String version, LocalDate publishedOn, String cause, List<ServiceItem> items) {

    /** Domains in which no proof may be replaced by a commitment (SPEC §5.5; seeds 001 art. 2, 003 三(一)): see {@link Domain}. */
    public static final Set<String> EXCLUDED_DOMAINS = java.util.Arrays.stream(Domain.values()).filter(Domain::excluded).map(Domain::name)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    public Optional<ServiceItem> item(String code) {
        return items.stream().filter(i -> i.code().equals(code)).findFirst();
    }
}
