package org.proofhub.hub.seal;

/** Life-cycle state of a seal. */
public enum SealStatus {
    /** Seals new proofs; at most one per purpose and unit. */
    ACTIVE,
    /** Replaced by a rotation: seals nothing new, but its certificate still verifies older proofs. */
    RETIRED,
    /** Revoked: seals nothing new; its certificate is on the CRL. */
    REVOKED
}
