package org.proofhub.hub.seal;

import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Issues the certificates of the hub's seals and time-stamp authority and the CRLs that revoke them.
 * There is one root per algorithm family: ECDSA P-256 and SM2.
 */
public interface CertificateAuthority {

    /**
     * Issues a seal certificate: subject {@code CN=sealId, OU=purpose label, organizationIdentifier=unitCode},
     * the purpose's certificate policy and extended key usage, key usage digitalSignature + nonRepudiation.
     *
     * @return the chain, seal certificate first, root last
     */
    List<X509Certificate> issueSealCertificate(String sealId, SealPurpose purpose, String unitCode,
                                               SealAlgorithm algorithm, PublicKey publicKey);

    /**
     * Issues the certificate of a time-stamp authority (critical extended key usage id-kp-timeStamping).
     *
     * @return the chain, TSA certificate first, root last
     */
    List<X509Certificate> issueTimeStampingCertificate(String name, PublicKey publicKey);

    /** Revokes a certificate this CA issued, from now on. Revoking twice keeps the first revocation. */
    void revoke(BigInteger serialNumber, RevocationReason reason);

    /**
     * The current CRL of the root for {@code algorithm}: signed anew after a revocation, and otherwise handed out
     * again for a while (well within its validity), because every verification asks for it.
     */
    X509CRL currentCrl(SealAlgorithm algorithm);

    /** The current CRL of every root, as {@link #currentCrl}. */
    List<X509CRL> currentCrls();

    /** The roots, for verifiers. */
    TrustAnchors trustAnchors();
}
