package org.proofhub.hub.verification;

/**
 * The port through which a confirmed answer becomes an e-proof sealed with the verification seal
 * (电子证明核实信息专用章, SPEC §4.2), annotated with the producing unit, the extracting unit and the time
 * as data-query proofs are (SPEC §3.3). The proof capability implements it.
 *
 * <p>The hub calls it at least once per confirmed request, from a durable timer, and retries with back-off
 * when it throws. An implementation must therefore return the same proof when called again for the same
 * {@link ConfirmedVerification#requestId()}. Without an implementation, confirmed answers are stored and
 * marked {@code AWAITING_SEAL}.
 */
public interface VerificationProofIssuer {

    IssuedProof issue(ConfirmedVerification confirmed);
}
