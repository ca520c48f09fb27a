package org.proofhub.hub.seal.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealStorageException;
import org.proofhub.hub.seal.SigningToken;
import org.proofhub.hub.seal.SigningTokenException;

/**
 * A {@link SigningToken} over a password-protected PKCS#12 file. The file is rewritten atomically after
 * every change, so a crash never leaves a half-written key store.
 */
public final class Pkcs12SigningToken implements SigningToken {

    // AES-256 for keys and AES-128 for certificates instead of the legacy 3DES/RC2-40 defaults
    private static final String KEY_STORE_TYPE = "PKCS12-AES256-AES128";
    // PKCS#12 implementations disagree about alias case; lower case only avoids the question
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final Path file;
    private final char[] password;
    private final KeyStore keyStore;
    // Keys are decrypted once at load: every KeyStore.getKey runs the PKCS#12 key derivation again,
    // which would cost more than the signature itself.
    private final Map<String, KeyEntry> entries = new ConcurrentHashMap<>();

    private record KeyEntry(PrivateKey key, SealAlgorithm algorithm, List<X509Certificate> chain) {
        boolean isStored() {
            return chain != null;
        }
    }

    private Pkcs12SigningToken(Path file, char[] password, KeyStore keyStore) {
        this.file = file;
        this.password = password.clone();
        this.keyStore = keyStore;
    }

    /** Opens the key store at {@code file}, or starts an empty one that is written on the first new key. */
    public static Pkcs12SigningToken open(Path file, char[] password) {
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance(KEY_STORE_TYPE, BouncyCastleAlgorithms.provider());
            if (Files.exists(file)) {
                keyStore.load(new ByteArrayInputStream(AtomicFiles.read(file)), password);
            } else {
                keyStore.load(null, null);
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new SealStorageException(file, "cannot be opened as a PKCS#12 key store (wrong password?)", e);
        }
        Pkcs12SigningToken token = new Pkcs12SigningToken(file, password, keyStore);
        token.loadEntries();
        return token;
    }

    private void loadEntries() {
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    PrivateKey key = (PrivateKey) keyStore.getKey(alias, password);
                    List<X509Certificate> chain = toX509(keyStore.getCertificateChain(alias));
                    entries.put(alias, new KeyEntry(key, algorithmOf(alias, chain.get(0).getPublicKey()), chain));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new SealStorageException(file, "a key cannot be read", e);
        }
    }

    @Override
    public List<String> aliases() {
        return entries.entrySet().stream().filter(e -> e.getValue().isStored()).map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public List<X509Certificate> certificateChain(String alias) {
        KeyEntry entry = entries.get(alias);
        if (entry == null || !entry.isStored()) {
            throw new SigningTokenException(alias, "no such key in " + file, null);
        }
        return entry.chain();
    }

    @Override
    public byte[] sign(String alias, SealAlgorithm algorithm, byte[] dataToSign) {
        KeyEntry entry = entries.get(alias);
        if (entry == null) {
            throw new SigningTokenException(alias, "no such key in " + file, null);
        }
        if (entry.algorithm() != algorithm) {
            throw new SigningTokenException(alias, "is a " + entry.algorithm() + " key and cannot sign " + algorithm, null);
        }
        try {
            Signature signature = BouncyCastleAlgorithms.newSignature(algorithm);
            signature.initSign(entry.key());
            signature.update(dataToSign);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningTokenException(alias, "signing with " + algorithm + " failed", e);
        }
    }

    @Override
    public synchronized List<X509Certificate> generateKey(String alias, SealAlgorithm algorithm, Certifier certifier) {
        requireFreeAlias(alias);
        KeyPair keyPair;
        try {
            keyPair = BouncyCastleAlgorithms.generateKeyPair(algorithm);
        } catch (GeneralSecurityException e) {
            throw new SigningTokenException(alias, "cannot generate a " + algorithm + " key", e);
        }
        // known before it is certified, so that the certifier can make it sign its own certificate
        entries.put(alias, new KeyEntry(keyPair.getPrivate(), algorithm, null));
        try {
            List<X509Certificate> chain = List.copyOf(certifier.certify(keyPair.getPublic()));
            store(alias, keyPair.getPrivate(), keyPair.getPublic(), chain);
            return chain;
        } finally {
            entries.computeIfPresent(alias, (a, entry) -> entry.isStored() ? entry : null);
        }
    }

    /** Imports an existing key, e.g. a seal key issued by an outside CA. */
    public synchronized void addKeyEntry(String alias, PrivateKey key, List<X509Certificate> chain) {
        requireFreeAlias(alias);
        if (chain.isEmpty()) {
            throw new SigningTokenException(alias, "a key needs its certificate chain", null);
        }
        store(alias, key, chain.get(0).getPublicKey(), List.copyOf(chain));
    }

    private void requireFreeAlias(String alias) {
        if (alias == null || !ALIAS.matcher(alias).matches()) {
            throw new SigningTokenException(alias, "an alias is 1-64 characters of a-z, 0-9, '.', '_', '-'", null);
        }
        if (entries.containsKey(alias)) {
            throw new SigningTokenException(alias, "already holds a key", null);
        }
    }

    private void store(String alias, PrivateKey key, PublicKey publicKey, List<X509Certificate> chain) {
        if (chain.isEmpty() || !Arrays.equals(chain.get(0).getPublicKey().getEncoded(), publicKey.getEncoded())) {
            throw new SigningTokenException(alias, "the certificate chain does not belong to the key", null);
        }
        SealAlgorithm algorithm = algorithmOf(alias, publicKey);
        boolean written = false;
        try {
            keyStore.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            keyStore.store(bytes, password);
            AtomicFiles.write(file, bytes.toByteArray());
            written = true;
        } catch (GeneralSecurityException | IOException e) {
            throw new SigningTokenException(alias, "cannot be stored in " + file, e);
        } finally {
            if (!written) {
                // the file still holds the old store; the next save must not smuggle this key in
                deleteQuietly(alias);
            }
        }
        entries.put(alias, new KeyEntry(key, algorithm, chain));
    }

    private void deleteQuietly(String alias) {
        try {
            keyStore.deleteEntry(alias);
        } catch (GeneralSecurityException e) {
            // only thrown for an uninitialised key store, which this one never is
        }
    }

    private static SealAlgorithm algorithmOf(String alias, PublicKey publicKey) {
        return BouncyCastleAlgorithms.algorithmOf(publicKey).orElseThrow(() -> new SigningTokenException(alias,
                "key is on no supported curve (" + publicKey.getAlgorithm() + ")", null));
    }

    private static List<X509Certificate> toX509(Certificate[] chain) {
        List<X509Certificate> certificates = new ArrayList<>(chain.length);
        for (Certificate certificate : chain) {
            certificates.add((X509Certificate) certificate);
        }
        return List.copyOf(certificates);
    }
}
