package org.proofhub.hub.verification.internal;

import java.time.Duration;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.verification.ItemKind;
import org.proofhub.hub.verification.ItemTerms;
import org.proofhub.hub.verification.ServiceItemPolicy;
import org.proofhub.hub.verification.VerificationSubmission;

/**
 * The policy until the certificate-free list exists: the request's own item kind and promised limit are
 * taken as they are, once they are well formed.
 */
final class RequestCarriedServiceItemPolicy implements ServiceItemPolicy {
    private static final Duration LONGEST_PROMISE = Duration.ofDays(366);

    @Override
    public ItemTerms terms(VerificationSubmission s) {
        if (s.itemKind() == null) {
            throw HubException.badRequest("verification-item-kind-missing", "itemKind is required: INSTANT (即办件) or COMMITMENT (承诺件)");
        }
        if (s.proofType() == null || s.proofType().isBlank()) {
            throw HubException.badRequest("verification-field-missing", "proofType is required");
        }
        Duration promised = s.itemPromisedLimit();
        if (s.itemKind() == ItemKind.COMMITMENT) {
            if (promised == null || promised.isZero() || promised.isNegative()) {
                throw HubException.badRequest("verification-promised-limit-invalid",
                        "a COMMITMENT item carries its promised time limit (itemPromisedLimit, e.g. P5D or PT4H), positive");
            }
            if (promised.compareTo(LONGEST_PROMISE) > 0) {
                throw HubException.badRequest("verification-promised-limit-invalid", "itemPromisedLimit " + promised + " is longer than a year");
            }
        } else if (promised != null) {
            throw HubException.badRequest("verification-promised-limit-invalid", "an INSTANT item has no promised time limit; leave itemPromisedLimit out");
        }
        return new ItemTerms(s.itemKind(), promised, s.dataBacked(), null);
    }
}
