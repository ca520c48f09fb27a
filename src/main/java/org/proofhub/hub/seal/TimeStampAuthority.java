package org.proofhub.hub.seal;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;

/** The hub's own RFC 3161 time-stamp authority. */
public interface TimeStampAuthority {

    /**
     * Time-stamps a digest.
     *
     * @param digest          the message imprint
     * @param digestAlgorithm the algorithm that made {@code digest}, e.g. SHA-256 or SM3
     * @return the DER encoding of the TimeStampToken (a CMS ContentInfo)
     */
    byte[] timestamp(byte[] digest, ASN1ObjectIdentifier digestAlgorithm);

    /**
     * As {@link #timestamp}, the token as an ASN.1 structure (its ContentInfo), for a signer that puts it into a CMS
     * attribute: the hub's own authority hands over the structure it made instead of encoding it and having it parsed back.
     */
    default ASN1Encodable timestampToken(byte[] digest, ASN1ObjectIdentifier digestAlgorithm) {
        byte[] der = timestamp(digest, digestAlgorithm);
        try {
            return ASN1Primitive.fromByteArray(der);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the time-stamp authority answered a token that is not DER", e);
        }
    }

    /**
     * Answers a DER-encoded RFC 3161 TimeStampReq with a DER-encoded TimeStampResp, as served over HTTP
     * ({@code application/timestamp-query} → {@code application/timestamp-reply}). A malformed or
     * unacceptable request gets a rejection response, not an exception.
     */
    byte[] respond(byte[] timeStampRequestDer);

    /** The TSA's certificate first, then its issuers: what a verifier needs to check the time-stamps it makes. */
    List<X509Certificate> certificateChain();
}
