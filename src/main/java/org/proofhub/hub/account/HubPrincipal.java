package org.proofhub.hub.account;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The account as HTTP Basic authenticated it, with the hub's view of it ({@link HubUser}) read from the same row:
 * {@link Accounts#current()} takes it from here instead of reading the account again in the same request.
 */
final class HubPrincipal extends User {
    /**
     * How long the row read counts as read "in this request". HTTP Basic authenticates every call, so the API's
     * principal is always fresh; a principal kept in a browser session is older, and {@link Accounts#current()} reads
     * the account again, so a disabled account or a changed unit takes effect as before.
     */
    static final long FRESH_NANOS = 1_000_000_000L;
    private final transient HubUser hubUser;
    private final int failedLogins;
    private final long readAtNanos;

    /**
     * @param nonLocked          false while the account is locked after wrong passwords
     * @param credentialsNonExpired false while the password an administrator set has not been changed by its holder, or is too old
     * @param failedLogins       wrong passwords in a row before this login, which a successful one resets
     * @param readAtNanos        when the account row was read ({@link System#nanoTime()})
     */
    HubPrincipal(String username, String password, boolean enabled, boolean nonLocked, boolean credentialsNonExpired,
                 Collection<? extends GrantedAuthority> authorities, HubUser hubUser, int failedLogins, long readAtNanos) {
        super(username, password, enabled, true, credentialsNonExpired, nonLocked, authorities);
        this.hubUser = hubUser;
        this.failedLogins = failedLogins;
        this.readAtNanos = readAtNanos;
    }

    int failedLogins() {
        return failedLogins;
    }

    /** Null when the row was read over a second ago or its roles are not all known to this hub: then {@link Accounts#current()} reads the account itself. */
    HubUser hubUser() {
        return System.nanoTime() - readAtNanos < FRESH_NANOS ? hubUser : null;
    }
}
