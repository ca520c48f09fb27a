package org.proofhub.hub.seal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hub's seals: creates them, rotates and revokes them, and remembers them across restarts.
 * A unit has at most one {@link SealStatus#ACTIVE} seal per purpose.
 */
public interface SealRegistry {

    /**
     * Creates the first seal of {@code purpose} for {@code unitCode}: a new key in the token and a seal
     * certificate from the CA.
     *
     * @throws SealStateException when the unit already has an active seal of that purpose (rotate it instead)
     */
    Seal create(SealPurpose purpose, String unitCode, SealAlgorithm algorithm);

    /**
     * Creates a seal of each of {@code purposes} that {@code unitCode} has no active seal of, their keys made durable
     * together ({@link SigningToken#inOneWrite}).
     *
     * @return the seals created, in the order of {@code purposes}
     */
    List<Seal> createMissing(List<SealPurpose> purposes, String unitCode, SealAlgorithm algorithm);

    /**
     * Replaces an active seal by a new key and certificate of the same purpose, unit and algorithm. The old
     * seal becomes {@link SealStatus#RETIRED}; proofs it sealed keep verifying.
     *
     * @return the new active seal
     */
    Seal rotate(String sealId);

    /** Rotates to a new key of another algorithm, e.g. from ECDSA P-256 to SM2 for the national standards. */
    Seal rotate(String sealId, SealAlgorithm algorithm);

    /** Revokes a seal: its certificate goes on the CRL and it seals nothing more. Revoking twice is harmless. */
    Seal revoke(String sealId, RevocationReason reason);

    /** All seals, in creation order. */
    List<Seal> seals();

    /** @throws SealNotFoundException when there is no such seal */
    Seal seal(String sealId);

    /**
     * The one active seal of {@code purpose}.
     *
     * @throws SealStateException when there is none, or several (one per unit): then name the unit or seal
     */
    Seal activeSeal(SealPurpose purpose);

    Optional<Seal> activeSeal(SealPurpose purpose, String unitCode);

    /** Active seals whose certificate ends before {@code now + window}, including those already expired. */
    List<Seal> expiringWithin(Duration window, Instant now);
}
