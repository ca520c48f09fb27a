package org.proofhub.hub.seal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * A dedicated seal (专用章): a key in the {@link SigningToken} and its certificate, made for one purpose
 * of one unit. Ids read {@code PURPOSE-UNIT-generation}, e.g. {@code DATA_SHARING-SJJ-2}.
 *
 * @param certificateChain seal certificate first, root last
 * @param notBefore        start of the seal certificate's validity
 * @param notAfter         end of the seal certificate's validity
 */
public record Seal(String id, SealPurpose purpose, SealAlgorithm algorithm, String unitCode, String keyAlias,
                   List<X509Certificate> certificateChain, Instant notBefore, Instant notAfter, SealStatus status) {

    public Seal {
        certificateChain = List.copyOf(certificateChain);
        if (certificateChain.isEmpty()) {
            throw new SealStateException(id, purpose, "has no certificate");
        }
    }

    /** The seal certificate. */
    public X509Certificate certificate() {
        return certificateChain.get(0);
    }

    public Seal withStatus(SealStatus newStatus) {
        return new Seal(id, purpose, algorithm, unitCode, keyAlias, certificateChain, notBefore, notAfter, newStatus);
    }

    /** Whether the seal certificate is valid at {@code instant}. */
    public boolean isCertificateValidAt(Instant instant) {
        return !instant.isBefore(notBefore) && !instant.isAfter(notAfter);
    }
}
