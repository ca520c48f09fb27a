package org.proofhub.hub.seal;

/** The checks a {@link SealVerifier} runs, in the order it reports them. */
public enum SealCheck {
    FORMAT("the seal is a detached CMS SignedData with one signer and a supported algorithm"),
    SIGNATURE("the signature over the signed attributes verifies with the seal certificate's key"),
    CONTENT_DIGEST("the content is what was sealed (content digest equals the message-digest attribute)"),
    SIGNING_CERTIFICATE("the signed signing-certificate-v2 attribute names the seal certificate"),
    TIME_STAMP("a valid time-stamp token from a trusted TSA covers the signature value"),
    CERTIFICATE_CHAIN("the seal certificate chains to a trust anchor, valid at the time-stamp time"),
    SEAL_PURPOSE("the seal certificate's policy, extended key usage and key usage name one seal purpose"),
    REVOCATION("the seal certificate was not revoked at the time-stamp time, according to a CRL");

    private final String description;

    SealCheck(String description) {
        this.description = description;
    }

    /** What passing this check means. */
    public String description() {
        return description;
    }
}
