package org.proofhub.hub.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second login factor (等保: two kinds of authentication for administrators): a time-based one-time code (RFC 6238) from
 * an authenticator app on the holder's phone. Accounts with a role in {@code hub.accounts.second-factor-roles} (by default
 * ADMIN) must enrol one — the hub makes a key, the app scans it, the first code confirms it — and then give a current code
 * with their password: once per login in the console, with every call on the API. A wrong code counts towards the account's
 * lock like a wrong password. An administrator can remove another account's second factor (a lost phone); the holder then
 * enrols again at the next login. Every enrolment, confirmation and removal goes to the audit trail; the key never does.
 */
@Service
public class SecondFactors {
    /** Shown by the app above the code. */
    static final String ISSUER = "证明枢纽 Proof Hub";

    /** The session attribute that holds the account whose code a console login accepted in this session. */
    public static final String SESSION_PASSED = SecondFactors.class.getName() + ".passed";

    /**
     * Whether this request's login still owes a code: an account that needs a second factor, authenticated with its password
     * only — not a console session whose code was accepted already. Anonymous requests and other accounts owe none.
     */
    public boolean owedBy(jakarta.servlet.http.HttpServletRequest request) {
        org.springframework.security.core.Authentication a = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        if (a == null || a instanceof org.springframework.security.authentication.AnonymousAuthenticationToken || !a.isAuthenticated()
                || !required(a.getAuthorities())) {
            return false;
        }
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        return session == null || !a.getName().equals(session.getAttribute(SESSION_PASSED));
    }

    /** Where an account stands: no key, a key waiting for its first code, a confirmed key. */
    public enum State { NONE, PENDING, ACTIVE }

    /** A key to add to the app: Base32 in groups of four for typing, the URI its QR code carries. */
    public record Enrolment(String username, String key, String otpauthUri) {
    }

    private final JdbcTemplate jdbc;
    private final DataProtection protection;
    private final AccountAdministration administration;
    private final AuditLog audit;
    private final Clock clock;
    private final Set<String> requiredAuthorities;

    SecondFactors(JdbcTemplate jdbc, DataProtection protection, AccountAdministration administration, AuditLog audit, Clock clock,
                  AccountProperties properties) {
        this.jdbc = jdbc;
        this.protection = protection;
        this.administration = administration;
        this.audit = audit;
        this.clock = clock;
        this.requiredAuthorities = properties.secondFactorRoles().stream().map(r -> "ROLE_" + r.name())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Whether an account with these authorities must log in with a second factor. */
    public boolean required(Collection<? extends GrantedAuthority> authorities) {
        if (requiredAuthorities.isEmpty()) {
            return false;
        }
        for (GrantedAuthority a : authorities) {
            if (requiredAuthorities.contains(a.getAuthority())) {
                return true;
            }
        }
        return false;
    }

    /** Whether an account with these roles must log in with a second factor. */
    public boolean required(HubUser user) {
        return user.roles().stream().anyMatch(r -> requiredAuthorities.contains("ROLE_" + r.name()));
    }

    public State state(String username) {
        return jdbc.query("select confirmed_at is not null from account_second_factor where username = ?",
                (rs, i) -> rs.getBoolean(1) ? State.ACTIVE : State.PENDING, username).stream().findFirst().orElse(State.NONE);
    }

    /**
     * Starts enrolment: a new key, or the one already waiting for its first code (so that reloading the page shows the key
     * the app may have scanned already). Refused when the account has a confirmed key (an administrator removes it first), and
     * for an account whose roles need none.
     */
    @Transactional
    public Enrolment begin(HubUser user) {
        String username = user.username();
        if (!required(user)) {
            throw HubException.conflict("second-factor-not-required", "the account " + username + " logs in with its password only: "
                    + "a second factor is asked of accounts with the roles " + requiredAuthorities.stream().map(a -> a.substring(5)).sorted().toList());
        }
        byte[] pending = jdbc.query("select secret, confirmed_at is not null from account_second_factor where username = ? for update",
                (rs, i) -> {
                    if (rs.getBoolean(2)) {
                        throw HubException.conflict("second-factor-active", "the account " + username + " has a confirmed second factor; "
                                + "to move it to another phone an administrator removes it first (DELETE /api/admin/accounts/"
                                + username + "/second-factor)");
                    }
                    return protection.decrypt(rs.getBytes(1));
                }, username).stream().findFirst().orElse(null);
        byte[] secret = pending;
        if (secret == null) {
            secret = Totp.newSecret();
            if (jdbc.update("insert into account_second_factor (username, secret, created_at) select ?, ?, ? where exists "
                    + "(select 1 from account where username = ?)", username, protection.encrypt(secret), Timestamp.from(clock.instant()),
                    username) == 0) {
                throw HubException.notFound("account", "there is no account " + username);
            }
            audit.append(new AuditLog.Entry(username, unitOf(username), "SECOND_FACTOR_ENROLMENT_STARTED", null, "双因素认证",
                    Map.of("account", username)));
        }
        String key = Totp.base32(secret).replaceAll("(.{4})(?=.)", "$1 ");
        return new Enrolment(username, key, Totp.otpauthUri(ISSUER, username, secret));
    }

    /**
     * Confirms the waiting key with the first code the app shows; a wrong code counts towards the lock (outside a transaction,
     * so that the count stays when the refusal is thrown).
     */
    public void confirm(String username, String code) {
        requireNotLocked(username);
        byte[] secret = jdbc.query("select secret from account_second_factor where username = ? and confirmed_at is null",
                (rs, i) -> protection.decrypt(rs.getBytes(1)), username).stream().findFirst()
                .orElseThrow(() -> HubException.conflict("second-factor-not-pending", "the account " + username
                        + " has no key waiting for confirmation; start with POST /api/account/second-factor"));
        Instant now = clock.instant();
        long step = Totp.matchingStep(secret, code, now);
        if (step < 0) {
            administration.loginFailed(username);
            throw wrongCode();
        }
        if (jdbc.update("update account_second_factor set confirmed_at = ?, last_step = ? where username = ? and confirmed_at is null",
                Timestamp.from(now), step, username) == 0) {
            throw HubException.conflict("second-factor-not-pending", "the account " + username + " has no key waiting for confirmation");
        }
        administration.loginSucceeded(username);
        audit.append(new AuditLog.Entry(username, unitOf(username), "SECOND_FACTOR_CONFIRMED", null, "双因素认证", Map.of("account", username)));
    }

    /**
     * Checks a code of a confirmed key. {@code once}: a login's code, accepted only if no later or equal step was used before
     * (a code seen over a shoulder does not open a second session); an API call's code may be sent with several calls while it
     * is current. A wrong code counts towards the lock.
     *
     * @throws HubException 401 when the code is wrong, used already or the account is locked; 403 when nothing is confirmed
     */
    public void check(String username, String code, boolean once) {
        requireNotLocked(username);
        record Key(byte[] secret, long lastStep) {
        }
        Key key = jdbc.query("select secret, last_step from account_second_factor where username = ? and confirmed_at is not null",
                (rs, i) -> new Key(protection.decrypt(rs.getBytes(1)), rs.getLong(2)), username).stream().findFirst()
                .orElseThrow(() -> enrolmentRequired(username));
        long step = Totp.matchingStep(key.secret(), code, clock.instant());
        if (step < 0) {
            administration.loginFailed(username);
            throw wrongCode();
        }
        if (once && jdbc.update("update account_second_factor set last_step = ? where username = ? and last_step < ?", step, username, step) == 0) {
            throw new HubException(HttpStatus.UNAUTHORIZED, "second-factor-used", "Code already used",
                    "this code was used for a login already; wait for the app's next code");
        }
        // password and code were right: wrong ones before start counting again (a single update, and only after wrong ones)
        administration.loginSucceeded(username);
    }

    /** An administrator removes an account's second factor (a lost or new phone): its holder enrols again at the next login. */
    @Transactional
    public void remove(String username, HubUser by) {
        if (jdbc.update("delete from account_second_factor where username = ?", username) == 0) {
            throw HubException.notFound("second-factor", "the account " + username + " has no second factor");
        }
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "SECOND_FACTOR_REMOVED", null, "账户管理", Map.of("account", username)));
    }

    static HubException enrolmentRequired(String username) {
        return new HubException(HttpStatus.FORBIDDEN, "second-factor-enrolment-required", "Second factor not set up",
                "the account " + username + " must log in with a second factor (等保) and has none yet: POST /api/account/second-factor "
                        + "gives a key to add to an authenticator app, POST /api/account/second-factor/confirm with {\"code\": …} "
                        + "confirms it with the app's first code");
    }

    private static HubException wrongCode() {
        return new HubException(HttpStatus.UNAUTHORIZED, "bad-second-factor", "Wrong second-factor code",
                "the code is wrong or expired (the app shows a new one every 30 seconds); repeated wrong codes lock the account for a while");
    }

    private void requireNotLocked(String username) {
        Instant until = administration.lockedUntil(username);
        if (until != null && until.isAfter(clock.instant())) {
            throw new HubException(HttpStatus.UNAUTHORIZED, "account-locked", "Account locked", AccountAdministration.lockedReason(until));
        }
    }

    private String unitOf(String username) {
        return jdbc.query("select unit_code from account where username = ?", (rs, i) -> rs.getString(1), username).stream().findFirst().orElse(null);
    }
}
