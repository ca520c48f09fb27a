package org.proofhub.hub.seal;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a verifier needs, besides a trust anchor, to validate a seal long after it was made without asking the hub
 * (PAdES-LT's Document Security Store): the seal's and the time-stamping authority's certificates with their issuers,
 * and the current CRL of each issuer, which shows that none of them was revoked when the seal was made.
 */
public record ValidationData(List<X509Certificate> certificates, List<X509CRL> crls) {
    public ValidationData {
        certificates = List.copyOf(certificates);
        crls = List.copyOf(crls);
    }
}
