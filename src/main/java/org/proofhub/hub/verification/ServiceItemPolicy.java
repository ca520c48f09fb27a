package org.proofhub.hub.verification;

/**
 * Where the certificate-free list (无证明事项清单) decides whether a service item may obtain a proof by
 * department verification, and under which terms. Until the list exists the request carries the terms
 * itself and the default policy only checks that they are well formed; the list will replace it with a
 * bean of this type.
 */
public interface ServiceItemPolicy {

    /**
     * @return the terms the deadline is computed from
     * @throws org.proofhub.hub.platform.HubException (400/422) naming what is wrong or not allowed
     */
    ItemTerms terms(VerificationSubmission submission);
}
