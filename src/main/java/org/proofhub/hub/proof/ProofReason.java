package org.proofhub.hub.proof;

import org.proofhub.hub.platform.ReasonCode;

/**
 * Why a check of an e-proof beyond its seal came out as it did: the stable codes of
 * {@link ProofVerificationReport.Check#code()}, worded in the i18n bundles under {@code reason.<code>}. The facts each
 * takes are listed in its comment, in order. The seal's own checks give {@link org.proofhub.hub.seal.SealReason}s.
 */
public enum ProofReason implements ReasonCode {
    CONTENT_CANONICAL(0),
    CONTENT_NOT_CANONICAL(0),
    /** what the parser said */
    CONTENT_NOT_JSON(1),

    /** the proof's method, the seal's label, the seal's id */
    SEAL_MATCHES_PROOF(3),
    /** the proof's method, the label of the seal it needs, the seal's id, that seal's label */
    SEAL_DOES_NOT_MATCH_PROOF(4),

    /** the last day it is usable */
    VALID_UNTIL(1),
    /** the last day it was usable */
    EXPIRED(1),

    /** the item and application it was made for */
    PURPOSE_NOT_CHECKED(2),
    /** the item and application it was made for */
    PURPOSE_MATCHES(2),
    /** the item and application it was made for, the item and application it is presented for */
    OUT_OF_PURPOSE(4),

    /** the PDF seal's id */
    PDF_SEAL_VALID(1),
    /** the PDF seal's report (English), the first of its checks that did not pass */
    PDF_SEAL_INVALID(2),
    PDF_IS_THIS_PROOF(0),
    /** the proof the PDF names */
    PDF_NAMES_ANOTHER_PROOF(1),

    /** offline: revocations after the export are not known */
    REVOCATION_OFFLINE(0),
    PDF_NOT_IN_ARCHIVE(0),
    /** the proof's id */
    NOT_IN_ARCHIVE(1),
    NO_ARCHIVE_RECORD(0),
    ARCHIVE_SAME_CONTENT(0),
    /** the proof's id */
    ARCHIVE_OTHER_CONTENT(1),
    /** when, why (as the revoking supervisor wrote it) */
    PROOF_REVOKED(2),
    PROOF_NOT_REVOKED(0),
    /** the QR code's digest is not the archived proof's */
    LINK_DIGEST_MISMATCH(0);

    private final int arity;

    ProofReason(int arity) {
        this.arity = arity;
    }

    @Override
    public int arity() {
        return arity;
    }
}
