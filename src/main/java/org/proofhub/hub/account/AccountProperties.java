package org.proofhub.hub.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings ({@code hub.accounts.*}).
 *
 * @param maxFailedLogins    wrong passwords in a row that lock an account (HTTP Basic, the console's login form and a password change
 *                           count alike)
 * @param lockDuration       how long a locked account stays locked, unless an administrator unlocks it first; after it, the count
 *                           starts again
 * @param passwordMinLength  the shortest password an account may be given (besides three kinds of characters, and not the user name)
 * @param passwordMaxAge     a password older than this must be changed before its holder gets in again (as a temporary one);
 *                           zero (the default) never ages. A password never changed by its holder counts from the account's creation
 * @param initialAdmin       a first administrator for a hub without any (production: the demo brings its own accounts)
 * @param secondFactorRoles  accounts with any of these roles log in with a one-time code from an authenticator app besides their
 *                           password (等保 asks it of administrators); empty: nobody
 */
@ConfigurationProperties("hub.accounts")
public record AccountProperties(
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("10") int passwordMinLength,
        @DefaultValue("0s") Duration passwordMaxAge,
        @DefaultValue InitialAdmin initialAdmin,
        @DefaultValue("ADMIN") java.util.Set<Role> secondFactorRoles) {

    public AccountProperties {
        if (maxFailedLogins < 1) {
            throw new IllegalArgumentException("hub.accounts.max-failed-logins must be at least 1, not " + maxFailedLogins);
        }
        if (lockDuration == null || lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("hub.accounts.lock-duration must be positive, not " + lockDuration);
        }
        if (passwordMaxAge == null || passwordMaxAge.isNegative()) {
            throw new IllegalArgumentException("hub.accounts.password-max-age must be zero (never) or positive, not " + passwordMaxAge);
        }
        secondFactorRoles = secondFactorRoles == null ? java.util.Set.of() : java.util.Set.copyOf(secondFactorRoles);
        if (passwordMinLength < 8) {
            throw new IllegalArgumentException("hub.accounts.password-min-length must be at least 8, not " + passwordMinLength);
        }
    }

    /**
     * Created at start when {@code username} and {@code password} are set and no enabled administrator exists; the password must
     * be changed at the first login. Give the password through the environment ({@code HUB_ACCOUNTS_INITIAL_ADMIN_PASSWORD}).
     *
     * @param unit     the administrator's unit, created when missing with {@code unitName}
     */
    public record InitialAdmin(String username, String password, @DefaultValue("Administrator") String displayName,
                               @DefaultValue("HUB") String unit, @DefaultValue("证明枢纽运维单位") String unitName) {

        boolean isSet() {
            return username != null && !username.isBlank() && password != null && !password.isBlank();
        }
    }
}
