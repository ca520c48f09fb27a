package org.proofhub.hub.seal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Seal settings ({@code hub.seal.*}).
 *
 * @param directory          token, seal index and local CA; empty means {@code <hub.data-dir>/seals}
 * @param tokenPassword      password of the signing token; set it from a secret store in production
 * @param caPassword         password of the local CA's key store
 * @param algorithm          algorithm of seals the hub creates itself
 * @param hubUnit            the unit that owns the data-sharing seal (the hub's operator)
 * @param expiryWarning      seals whose certificate ends within this window are reported
 * @param certificateValidity how long a new seal certificate is valid
 */
@Validated
@ConfigurationProperties("hub.seal")
public record SealProperties(
        @DefaultValue("") String directory,
        @DefaultValue("hub-seal-demo") @NotBlank String tokenPassword,
        @DefaultValue("hub-seal-demo") @NotBlank String caPassword,
        @DefaultValue("ECDSA_P256_SHA256") @NotNull SealAlgorithm algorithm,
        @DefaultValue("SJJ") @NotBlank String hubUnit,
        @DefaultValue("30d") Duration expiryWarning,
        @DefaultValue("730d") Duration certificateValidity) {

    public Path directoryOr(Path dataDirectory) {
        return directory.isBlank() ? dataDirectory.resolve("seals") : Path.of(directory).toAbsolutePath().normalize();
    }
}
