package org.proofhub.hub.seal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the seal capability; meant to become {@code @ConfigurationProperties("hub.seal")}, hence
 * the key names in the messages.
 *
 * @param directory               where the token, the seal index and the local CA live
 * @param tokenPassword           password of the hub's signing token ({@code seals.p12})
 * @param caPassword              password of the local CA's key store ({@code ca/ca.p12})
 * @param sealCertificateValidity how long a new seal certificate is valid
 * @param crlValidity             time between a CRL's thisUpdate and nextUpdate
 */
public record SealSettings(Path directory, char[] tokenPassword, char[] caPassword, Duration sealCertificateValidity,
                           Duration crlValidity) {

    public static final Duration DEFAULT_SEAL_CERTIFICATE_VALIDITY = Duration.ofDays(2 * 365);
    public static final Duration DEFAULT_CRL_VALIDITY = Duration.ofDays(7);

    public SealSettings {
        Objects.requireNonNull(directory, "hub.seal.directory is required");
        requirePassword(tokenPassword, "hub.seal.token-password");
        requirePassword(caPassword, "hub.seal.ca-password");
        requirePositive(sealCertificateValidity, "hub.seal.seal-certificate-validity");
        requirePositive(crlValidity, "hub.seal.crl-validity");
        tokenPassword = tokenPassword.clone();
        caPassword = caPassword.clone();
    }

    /** Default validities and one password for both key stores. */
    public static SealSettings of(Path directory, char[] password) {
        return new SealSettings(directory, password, password, DEFAULT_SEAL_CERTIFICATE_VALIDITY, DEFAULT_CRL_VALIDITY);
    }

    @Override
    public char[] tokenPassword() {
        return tokenPassword.clone();
    }

    @Override
    public char[] caPassword() {
        return caPassword.clone();
    }

    @Override
    public String toString() {
        // never print passwords
        return "SealSettings[directory=" + directory + ", sealCertificateValidity=" + sealCertificateValidity
                + ", crlValidity=" + crlValidity + "]";
    }

    private static void requirePassword(char[] password, String key) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
    }

    private static void requirePositive(Duration duration, String key) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, is " + duration);
        }
    }
}
