package org.proofhub.hub.seal;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

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
     * Answers a DER-encoded RFC 3161 TimeStampReq with a DER-encoded TimeStampResp, as served over HTTP
     * ({@code application/timestamp-query} → {@code application/timestamp-reply}). A malformed or
     * unacceptable request gets a rejection response, not an exception.
     */
    byte[] respond(byte[] timeStampRequestDer);

    /** The TSA's certificate first, then its issuers: what a verifier needs to check the time-stamps it makes. */
    List<X509Certificate> certificateChain();
}
