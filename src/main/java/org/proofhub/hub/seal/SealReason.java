package org.proofhub.hub.seal;

import org.proofhub.hub.platform.ReasonCode;

/**
 * Why a {@link SealCheck} came out as it did: the stable codes of {@link SealVerification.CheckResult#because()}, worded
 * in the i18n bundles under {@code reason.<code>}. The facts each takes are listed in its comment, in order; the ones
 * at the end of the list ({@link #AT_TIME_STAMP_TIME}, {@code CRL_REASON_*}) are parts of other reasons.
 */
public enum SealReason implements ReasonCode {
    /** the check that could not run for it (FORMAT) */
    NOT_CHECKED_UNREADABLE(1),
    /** what broke */
    UNREADABLE(1),

    FORMAT_ENCAPSULATED(0),
    /** the content type's OID */
    FORMAT_CONTENT_TYPE(1),
    /** how many signers */
    FORMAT_SIGNER_COUNT(1),
    /** the signature algorithm's OID */
    FORMAT_ALGORITHM_UNSUPPORTED(1),
    /** the algorithm, the digest it signs, the digest OID the signer names */
    FORMAT_DIGEST_ALGORITHM(3),
    FORMAT_NO_SIGNED_ATTRIBUTES(0),
    /** the algorithm */
    FORMAT_OK(1),

    SIGNATURE_NO_CERTIFICATE(0),
    /** the curve the algorithm needs */
    SIGNATURE_KEY_TYPE(1),
    /** the algorithm, the seal's id */
    SIGNATURE_OK(2),
    /** the algorithm, the seal's id */
    SIGNATURE_INVALID(2),
    /** what is wrong with it */
    SIGNATURE_MALFORMED(1),

    CONTENT_DIGEST_NO_CONTENT_TYPE(0),
    CONTENT_DIGEST_NO_MESSAGE_DIGEST(0),
    /** the digest algorithm, the content's digest (hex) */
    CONTENT_DIGEST_MATCHES(2),
    /** the digest algorithm, the content's digest, the sealed digest (hex) */
    CONTENT_DIGEST_DIFFERS(3),

    SIGNING_CERTIFICATE_NOTHING_TO_COMPARE(0),
    SIGNING_CERTIFICATE_MISSING(0),
    /** the seal certificate's serial number (hex) */
    SIGNING_CERTIFICATE_OK(1),
    SIGNING_CERTIFICATE_SUBSTITUTED(0),
    /** what is wrong with it */
    SIGNING_CERTIFICATE_UNREADABLE(1),

    TIME_STAMP_MISSING(0),
    TIME_STAMP_NO_TSA_CERTIFICATE(0),
    /** what is wrong with it */
    TIME_STAMP_INVALID(1),
    /** the imprint algorithm's OID */
    TIME_STAMP_UNKNOWN_IMPRINT_ALGORITHM(1),
    TIME_STAMP_OTHER_DATA(0),
    /** the time-stamp's time, the verification time */
    TIME_STAMP_IN_THE_FUTURE(2),
    /** the TSA certificate's subject, the time-stamp's time, the path's problem */
    TIME_STAMP_TSA_UNTRUSTED(3),
    /** the time-stamp's time, the TSA certificate's subject */
    TIME_STAMP_OK(2),

    /** for the chain and the purpose checks */
    NO_SEAL_CERTIFICATE(0),
    /** when ({@link #AT_TIME_STAMP_TIME} or {@link #AT_VERIFICATION_TIME}), the path's problem */
    CERTIFICATE_CHAIN_NO_PATH(2),
    /** the trust anchor's subject, when */
    CERTIFICATE_CHAIN_OK(2),
    /** the trust anchor's subject, when, the certificate's end of validity */
    CERTIFICATE_CHAIN_OK_EXPIRED_SINCE(3),

    /** how many seal policies the certificate names */
    SEAL_PURPOSE_POLICY_COUNT(1),
    /** the purpose the policy names, the purposes the extended key usages name */
    SEAL_PURPOSE_EXTENDED_KEY_USAGE(2),
    SEAL_PURPOSE_KEY_USAGE(0),
    /** the purpose, its label, its policy OID, its extended key usage OID */
    SEAL_PURPOSE_OK(4),

    /** the check that establishes the issuer (CERTIFICATE_CHAIN) */
    REVOCATION_ISSUER_UNKNOWN(1),
    /** the issuer's subject */
    REVOCATION_NO_CRL(1),
    /** when revoked, why ({@code CRL_REASON_*}), the time-stamp's time */
    REVOCATION_REVOKED_AFTER_TIME_STAMP(3),
    /** when revoked, why ({@code CRL_REASON_*}), when it is judged */
    REVOCATION_REVOKED(3),
    /** the CRL's date, its next update, when it is judged */
    REVOCATION_CRL_OUT_OF_DATE(3),
    /** the CRL's date, the issuer's subject */
    REVOCATION_NOT_REVOKED(2),

    /** the time-stamp's time: certificates are judged then */
    AT_TIME_STAMP_TIME(1),
    /** the verification time: there is no valid time-stamp */
    AT_VERIFICATION_TIME(1),
    CRL_REASON_NONE(0),
    CRL_REASON_UNSPECIFIED(0),
    CRL_REASON_KEY_COMPROMISE(0),
    CRL_REASON_AFFILIATION_CHANGED(0),
    CRL_REASON_SUPERSEDED(0),
    CRL_REASON_CESSATION_OF_OPERATION(0),
    /** a CRL reason the hub's CA does not give (its RFC 5280 name) */
    CRL_REASON_OTHER(1);

    private final int arity;

    SealReason(int arity) {
        this.arity = arity;
    }

    @Override
    public int arity() {
        return arity;
    }
}
