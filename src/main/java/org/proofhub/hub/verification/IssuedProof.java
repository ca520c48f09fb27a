package org.proofhub.hub.verification;

import java.time.Instant;

/**
 * The e-proof made from a confirmed verification.
 *
 * @param proofId  the proof's id in the proof archive
 * @param sealId   the verification seal that sealed it
 * @param sealedAt the time of sealing (the time-stamp's time where there is one)
 */
public record IssuedProof(String proofId, String sealId, Instant sealedAt) {
}
