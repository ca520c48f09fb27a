package org.proofhub.hub.seal.internal;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealCheck;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealVerification.CheckResult;

/**
 * What a seal check established about exactly these bytes, kept for the next presentation of the same proof.
 * <p>
 * Keyed by the SHA-256 of the content, the CMS signature and the trust anchors, a seal whose format, signature,
 * content digest, signing certificate, time-stamp and purpose all passed passes them again: none of them depends on
 * anything but those bytes (the time-stamp's time is in them; that it lies before "now" stays true). So does the
 * certificate path that validated: it is judged at the time-stamp's time against the anchors, which are in the key;
 * only whether the seal certificate has expired since is judged against "now" again. Revocation (with the CRLs of
 * the call) is checked on every presentation, as the archive, the proof's validity and its purpose are by the callers. Parsing the
 * CMS structure and the time-stamp token again was a third of a verification's request thread even with the
 * signature mathematics remembered ({@link VerifiedSignatures}). Only complete successes are kept; the least
 * recently used of {@value #CAPACITY} goes first.
 */
final class VerifiedSeals {
    static final int CAPACITY = 4_096;

    /** The facts a full check established; {@code sealCertificatePath} is null when the chain did not validate. */
    record Facts(Map<SealCheck, CheckResult> results, X509Certificate sealCertificate, List<X509Certificate> certificates,
                 String sealId, String unitCode, SealPurpose purpose, SealAlgorithm algorithm, Instant signingTime,
                 Instant timeStampTime, PkixValidation.Result sealCertificatePath) {
        Facts {
            results = Map.copyOf(results);
            certificates = List.copyOf(certificates);
        }
    }

    private static final Map<ByteBuffer, Facts> KNOWN = new LinkedHashMap<>(CAPACITY * 4 / 3 + 1, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Facts> eldest) {
            return size() > CAPACITY;
        }
    };

    private VerifiedSeals() {
    }

    /** The key of a verification: content, signature and the anchors it is checked against. */
    static ByteBuffer key(byte[] content, byte[] cmsDer, List<X509Certificate> anchors) {
        byte[][] parts = new byte[anchors.size() + 2][];
        parts[0] = content;
        parts[1] = cmsDer;
        try {
            for (int i = 0; i < anchors.size(); i++) {
                parts[i + 2] = anchors.get(i).getEncoded();
            }
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("a trust anchor cannot be encoded", e);
        }
        return VerifiedSignatures.key("seal", parts);
    }

    static Facts get(ByteBuffer key) {
        synchronized (KNOWN) {
            return KNOWN.get(key);
        }
    }

    static void remember(ByteBuffer key, Facts facts) {
        synchronized (KNOWN) {
            KNOWN.put(key, facts);
        }
    }
}
