package org.proofhub.hub.seal.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.proofhub.hub.seal.RevocationReason;

/**
 * What the local CA remembers besides its keys ({@code ca/ca.json}): every certificate it issued, their
 * revocations and the last CRL number, which RFC 5280 requires to increase.
 */
record CertificateAuthorityIndex(long lastCrlNumber, List<IssuedCertificate> issued) {

    CertificateAuthorityIndex {
        issued = List.copyOf(issued);
    }

    static CertificateAuthorityIndex empty() {
        return new CertificateAuthorityIndex(0, List.of());
    }

    CertificateAuthorityIndex withIssued(IssuedCertificate certificate) {
        List<IssuedCertificate> all = new ArrayList<>(issued);
        all.add(certificate);
        return new CertificateAuthorityIndex(lastCrlNumber, all);
    }

    CertificateAuthorityIndex withReplaced(IssuedCertificate old, IssuedCertificate replacement) {
        List<IssuedCertificate> all = new ArrayList<>(issued);
        all.set(all.indexOf(old), replacement);
        return new CertificateAuthorityIndex(lastCrlNumber, all);
    }

    CertificateAuthorityIndex withLastCrlNumber(long number) {
        return new CertificateAuthorityIndex(number, issued);
    }

    /**
     * @param serialNumber hexadecimal
     * @param issuerAlias  the root that signed it
     * @param revokedAt    {@code null} while not revoked
     * @param reason       {@code null} while not revoked
     */
    record IssuedCertificate(String serialNumber, String subject, String issuerAlias, Instant notAfter,
                             Instant revokedAt, RevocationReason reason) {

        boolean isRevoked() {
            return revokedAt != null;
        }

        IssuedCertificate revoked(Instant at, RevocationReason why) {
            return new IssuedCertificate(serialNumber, subject, issuerAlias, notAfter, at, why);
        }
    }
}
