package org.proofhub.hub.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects personal data the hub must keep but never show: AES-256-GCM for stored payloads
 * (quarantined rows) and a keyed hash (HMAC-SHA-256) that lets records, logs and audit entries
 * name a subject without revealing the citizen ID or USCC.
 */
public final class DataProtection {
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec hashKey;

    DataProtection(byte[] keyMaterial) {
        if (keyMaterial.length != 64) {
            throw new IllegalArgumentException("data protection key material must be 64 bytes, got " + keyMaterial.length);
        }
        this.encryptionKey = new SecretKeySpec(Arrays.copyOfRange(keyMaterial, 0, 32), "AES");
        this.hashKey = new SecretKeySpec(Arrays.copyOfRange(keyMaterial, 32, 64), "HmacSHA256");
    }

    /** Loads the key file from {@code directory}, creating it with fresh random keys on first use. */
    public static DataProtection fromDirectory(Path directory) {
        Path file = directory.resolve("data-protection.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(directory);
                byte[] fresh = new byte[64];
                RANDOM.nextBytes(fresh);
                Path tmp = Files.createTempFile(directory, "data-protection", ".tmp");
                Files.write(tmp, fresh);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return new DataProtection(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the data protection key " + file, e);
        }
    }

    public byte[] encrypt(byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, sealed, 0, NONCE_BYTES));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored payload cannot be decrypted with this hub's data protection key", e);
        }
    }

    /**
     * A stable pseudonym for an identifier (citizen ID, USCC, source key): the same input always
     * gives the same hash under this hub's key, and the hash cannot be reversed without the key.
     */
    public String keyedHash(String identifier) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return HexFormat.of().formatHex(mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
