package org.proofhub.hub.seal.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signature checks that succeeded before, by the SHA-256 of exactly what was checked (the certificate, the signed
 * bytes and the signature value). The same proof is verified again and again — by the window's scanner, the
 * citizen's phone, the department that receives it — and an ECDSA or SM2 verification is about a third of a
 * verification's cost. Whether a signature value verifies over given bytes with a given certificate's key never
 * changes, so the mathematics is done once per distinct input; everything that depends on time or state (validity
 * periods, revocation, the archive, the proof's own validity and purpose) is checked on every verification. Only
 * successes are remembered, and the memory is bounded: it is emptied when full.
 */
final class VerifiedSignatures {
    private static final int CAPACITY = 200_000;
    private static final Set<ByteBuffer> VERIFIED = ConcurrentHashMap.newKeySet();

    private VerifiedSignatures() {
    }

    /** The key of one check: a label of what kind of check it is, then each part with its length. */
    static ByteBuffer key(String kind, byte[]... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(kind.getBytes(StandardCharsets.US_ASCII));
            for (byte[] part : parts) {
                int n = part.length;
                sha256.update(new byte[]{(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
                sha256.update(part);
            }
            return ByteBuffer.wrap(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    static boolean contains(ByteBuffer key) {
        return VERIFIED.contains(key);
    }

    static void remember(ByteBuffer key) {
        if (VERIFIED.size() >= CAPACITY) {
            VERIFIED.clear();
        }
        VERIFIED.add(key);
    }
}
