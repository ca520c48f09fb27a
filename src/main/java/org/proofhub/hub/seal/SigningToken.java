package org.proofhub.hub.seal;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The only way to the hub's private keys. Keys are named by alias and never leave the token: callers
 * hand it the bytes to sign and get a signature value back, so a PKCS#11 HSM can replace the PKCS#12
 * file without touching the callers.
 */
public interface SigningToken {

    /** The aliases of the keys this token holds. */
    List<String> aliases();

    /**
     * The certificate chain of a key, end-entity certificate first.
     *
     * @throws SigningTokenException when the token holds no key under {@code alias}
     */
    List<X509Certificate> certificateChain(String alias);

    /**
     * Signs {@code dataToSign} (the whole message: the token hashes it) and returns the signature value
     * as it goes into CMS and X.509, i.e. a DER {@code SEQUENCE {r, s}} for ECDSA and SM2. SM2 signs with
     * {@link SealAlgorithm#SM2_DEFAULT_USER_ID}.
     *
     * @throws SigningTokenException when there is no such key or its curve does not fit {@code algorithm}
     */
    byte[] sign(String alias, SealAlgorithm algorithm, byte[] dataToSign);

    /**
     * Generates a key pair inside the token and stores it with the chain {@code certifier} issues for its
     * public key. The new key can already {@link #sign} while {@code certifier} runs, so a certifier may
     * self-sign.
     *
     * @return the stored chain
     * @throws SigningTokenException when {@code alias} is taken or the chain does not belong to the key
     */
    List<X509Certificate> generateKey(String alias, SealAlgorithm algorithm, Certifier certifier);

    /**
     * Runs {@code work}, which may generate several keys, and makes them durable together at its end instead of one by
     * one: a token kept in a file writes the file once, and if {@code work} fails none of its keys stay. A token whose
     * keys are durable as soon as they are made (an HSM) just runs it.
     */
    default <T> T inOneWrite(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** Issues the certificate chain for a freshly generated public key, end-entity certificate first. */
    @FunctionalInterface
    interface Certifier {
        List<X509Certificate> certify(PublicKey publicKey);
    }
}
