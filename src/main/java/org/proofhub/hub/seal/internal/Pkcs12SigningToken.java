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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealStorageException;
import org.proofhub.hub.seal.SigningToken;
import org.proofhub.hub.seal.SigningTokenException;

/**
 * A {@link SigningToken} over a password-protected PKCS#12 file. The file is rewritten atomically after
 * every change, or once after a group of changes ({@link #inOneWrite}), so a crash never leaves a half-written
 * key store.
 *
 * <p>Every write encrypts every key in the file again, and every key read decrypts one, each with a password-based
 * key derivation of Bouncy Castle's 300,000 PBKDF2 rounds (a quarter of a second in a JVM that has just started; the
 * file's MAC takes more). A first start made seven keys in seven writes, 25 derivations or six seconds; a later start
 * read six keys on its main thread. Keys made together are now written together, and a key read from the file is
 * decrypted by a thread of its own while the hub goes on starting, or by its first signature if that comes first.
 */
public final class Pkcs12SigningToken implements SigningToken {

    // AES-256 for keys and AES-128 for certificates instead of the legacy 3DES/RC2-40 defaults
    private static final String KEY_STORE_TYPE = "PKCS12-AES256-AES128";
    // PKCS#12 implementations disagree about alias case; lower case only avoids the question
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final Path file;
    private final char[] password;
    private final KeyStore keyStore;
    // Keys are decrypted once: every KeyStore.getKey runs the PKCS#12 key derivation again,
    // which would cost more than the signature itself.
    private final Map<String, KeyEntry> entries = new ConcurrentHashMap<>();
    /** Stored in {@link #keyStore} inside {@link #inOneWrite} and not yet written to the file; guarded by this. */
    private final List<String> unwritten = new ArrayList<>();
    private int writeDepth;

    /** A key: decrypted when {@link #key} has run, which the loading thread or the first signature does. */
    private record KeyEntry(FutureTask<PrivateKey> key, SealAlgorithm algorithm, List<X509Certificate> chain) {
        boolean isStored() {
            return chain != null;
        }
    }

    private static FutureTask<PrivateKey> known(PrivateKey key) {
        FutureTask<PrivateKey> task = new FutureTask<>(() -> key);
        task.run();
        return task;
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
        List<FutureTask<PrivateKey>> toDecrypt = new ArrayList<>();
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    List<X509Certificate> chain = toX509(keyStore.getCertificateChain(alias));
                    FutureTask<PrivateKey> key = new FutureTask<>(() -> decrypt(alias));
                    toDecrypt.add(key);
                    entries.put(alias, new KeyEntry(key, algorithmOf(alias, chain.get(0).getPublicKey()), chain));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new SealStorageException(file, "a key cannot be read", e);
        }
        if (!toDecrypt.isEmpty()) {
            Thread decrypting = new Thread(() -> toDecrypt.forEach(FutureTask::run), "signing-token-keys");
            decrypting.setDaemon(true);
            decrypting.start();
        }
    }

    private PrivateKey decrypt(String alias) throws GeneralSecurityException {
        synchronized (keyStore) {
            return (PrivateKey) keyStore.getKey(alias, password);
        }
    }

    /** The entry's key, decrypting it here unless the loading thread has (or is doing it now, then waiting for it). */
    private PrivateKey keyOf(String alias, KeyEntry entry) {
        entry.key().run();
        try {
            return entry.key().get();
        } catch (ExecutionException e) {
            throw new SigningTokenException(alias, "cannot be read from " + file, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningTokenException(alias, "reading it from " + file + " was interrupted", e);
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
            signature.initSign(keyOf(alias, entry));
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
        entries.put(alias, new KeyEntry(known(keyPair.getPrivate()), algorithm, null));
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

    /**
     * Runs {@code work} and writes the keys it stores in one write of the file at the end, instead of one write each.
     * If {@code work} or the write fails, none of its keys stay.
     */
    @Override
    public synchronized <T> T inOneWrite(Supplier<T> work) {
        writeDepth++;
        boolean written = false;
        try {
            T result = work.get();
            if (writeDepth == 1 && !unwritten.isEmpty()) {
                write(String.join(", ", unwritten));
            }
            written = true;
            return result;
        } finally {
            writeDepth--;
            if (writeDepth == 0) {
                if (!written) {
                    // the file still holds the old store; the next write must not smuggle these keys in
                    unwritten.forEach(this::forget);
                }
                unwritten.clear();
            }
        }
    }

    private void store(String alias, PrivateKey key, PublicKey publicKey, List<X509Certificate> chain) {
        if (chain.isEmpty() || !Arrays.equals(chain.get(0).getPublicKey().getEncoded(), publicKey.getEncoded())) {
            throw new SigningTokenException(alias, "the certificate chain does not belong to the key", null);
        }
        SealAlgorithm algorithm = algorithmOf(alias, publicKey);
        try {
            synchronized (keyStore) {
                keyStore.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
            }
        } catch (GeneralSecurityException e) {
            throw new SigningTokenException(alias, "cannot be stored in " + file, e);
        }
        entries.put(alias, new KeyEntry(known(key), algorithm, chain));
        if (writeDepth > 0) {
            unwritten.add(alias);
            return;
        }
        boolean written = false;
        try {
            write(alias);
            written = true;
        } finally {
            if (!written) {
                forget(alias);
            }
        }
    }

    private void write(String aliases) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            synchronized (keyStore) {
                keyStore.store(bytes, password);
            }
            AtomicFiles.write(file, bytes.toByteArray());
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new SigningTokenException(aliases, "cannot be stored in " + file, e);
        }
    }

    private void forget(String alias) {
        entries.remove(alias);
        try {
            synchronized (keyStore) {
                keyStore.deleteEntry(alias);
            }
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
