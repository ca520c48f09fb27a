package org.proofhub.hub.seal.internal;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Serial numbers for certificates and time-stamp tokens. */
final class SerialNumbers {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SerialNumbers() {
    }

    /**
     * 127 random bits with the top one set: unpredictable (no counter to persist or to collide after a
     * restore), positive, always 16 bytes, within RFC 5280's 20 octets.
     */
    static BigInteger next() {
        return new BigInteger(127, RANDOM).setBit(126);
    }
}
