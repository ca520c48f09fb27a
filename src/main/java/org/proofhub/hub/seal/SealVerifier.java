package org.proofhub.hub.seal;

import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Collection;

/**
 * Verifies a sealed proof with nothing but the proof, its detached signature, trust anchors and CRLs,
 * so anyone holding the proof can check it offline (SPEC §3.5). Certificates are judged at the
 * time-stamp time, so a proof outlives the expiry, rotation or later revocation of its seal certificate.
 */
public interface SealVerifier {

    /**
     * @param content the proof exactly as sealed
     * @param cmsDer  the detached CMS signature made by {@link Sealer}
     * @param crls    CRLs of the seal certificates' issuers; without one the revocation check is indeterminate
     * @param now     the time of verification, used when there is no valid time-stamp and to judge CRL freshness
     * @return a report; never throws for a bad or foreign signature
     */
    SealVerification verify(byte[] content, byte[] cmsDer, TrustAnchors anchors, Collection<X509CRL> crls,
                            Instant now);

    /** The Bouncy Castle verifier, for offline tools that open no seal directory. */
    static SealVerifier standard() {
        return new org.proofhub.hub.seal.internal.BouncyCastleCmsSealVerifier();
    }
}
