package org.proofhub.hub.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A public service item (政务服务事项) on the certificate-free list, with the proofs it needs.
 *
 * @param kind          instant (即办件) or commitment item (承诺件)
 * @param promisedLimit 承诺时限 of a commitment item, ISO-8601 (e.g. P20D)
 * @param domain        its field of administration; some domains never allow commitments (SPEC §5.5)
 */
public record ServiceItem(String code, String name, Kind kind, String promisedLimit, String domain, String responsibleUnit,
                          List<Entry> proofs) {

    public enum Kind { INSTANT, COMMITMENT }

    /** One proof of the item and how it is obtained. */
    public record Entry(String proofType, String issuingUnit, Method method, String legalBasis, Commitment commitment) {
    }

    /** The elements of the notification and commitment letters (seed 000 appendix B). */
    public record Commitment(String legalProvisions, String conditions, String supervision, String otherNotices) {
    }

    public Optional<Entry> entry(String proofType) {
        return proofs.stream().filter(e -> e.proofType().equals(proofType)).findFirst();
    }

    @JsonIgnore
    public Duration promisedDuration() {
        return promisedLimit == null ? null : Duration.parse(promisedLimit);
    }
}
