package org.proofhub.hub.seal;

import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verifier needs, besides a trust anchor, to validate a seal long after it was made without asking the hub
 * (PAdES-LT's Document Security Store): the seal's and the time-stamping authority's certificates with their issuers,
 * and the current CRL of each issuer, which shows that none of them was revoked when the seal was made. The DER of each
 * is made once, when this is made.
 */
public final class ValidationData {
    private final List<X509Certificate> certificates;
    private final List<X509CRL> crls;
    private final List<byte[]> encodedCertificates;
    private final List<byte[]> encodedCrls;

    public ValidationData(List<X509Certificate> certificates, List<X509CRL> crls) {
        this.certificates = List.copyOf(certificates);
        this.crls = List.copyOf(crls);
        List<byte[]> certs = new ArrayList<>();
        List<byte[]> crlDer = new ArrayList<>();
        try {
            for (X509Certificate c : this.certificates) {
                certs.add(c.getEncoded());
            }
            for (X509CRL crl : this.crls) {
                crlDer.add(crl.getEncoded());
            }
        } catch (CertificateEncodingException | CRLException e) {
            throw new IllegalStateException("the seal's validation data cannot be encoded: " + e.getMessage(), e);
        }
        this.encodedCertificates = List.copyOf(certs);
        this.encodedCrls = List.copyOf(crlDer);
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    public List<X509CRL> crls() {
        return crls;
    }

    /** The DER of each certificate, in order; callers must not change the arrays. */
    public List<byte[]> encodedCertificates() {
        return encodedCertificates;
    }

    /** The DER of each CRL, in order; callers must not change the arrays. */
    public List<byte[]> encodedCrls() {
        return encodedCrls;
    }
}
