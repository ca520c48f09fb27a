package org.proofhub.hub.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.platform.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Units and accounts as an administrator keeps them, and the holder's own password (等保: identification, login-failure
 * handling). An administrator creates units and accounts, changes an account's name, unit, roles or whether it is enabled,
 * sets a temporary password (which its holder must change at the next login) and unlocks an account that wrong passwords
 * locked. Every change goes to the audit trail with who made it ({@code UNIT_SAVED}, {@code ACCOUNT_CREATED},
 * {@code ACCOUNT_CHANGED}, {@code PASSWORD_RESET}, {@code PASSWORD_CHANGED}, {@code ACCOUNT_LOCKED}, {@code ACCOUNT_UNLOCKED});
 * passwords and their hashes never do. The hub keeps at least one enabled administrator.
 */
@Service
public class AccountAdministration {
    private static final Logger log = LoggerFactory.getLogger(AccountAdministration.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final Pattern UNIT_CODE = Pattern.compile("[A-Z0-9_]{2,32}");
    private static final Set<String> UNIT_KINDS = Set.of("DEPARTMENT", "SERVICE_WINDOW", "DATA_AUTHORITY");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PasswordEncoder encoder;
    private final AccountRows rows;
    private final Accounts accounts;
    private final AuditLog audit;
    private final AccountProperties properties;
    private final PasswordPolicy policy;
    private final Clock clock;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final io.micrometer.core.instrument.Counter failedLogins;
    private final io.micrometer.core.instrument.Counter locks;

    AccountAdministration(JdbcTemplate jdbc, TransactionTemplate tx, PasswordEncoder encoder, AccountRows rows, Accounts accounts,
                          AuditLog audit, AccountProperties properties, Clock clock, org.springframework.context.ApplicationEventPublisher events,
                          io.micrometer.core.instrument.MeterRegistry meters) {
        this.events = events;
        // registered at once, so that the series exist before the first failure (operators alert on their increase)
        this.failedLogins = io.micrometer.core.instrument.Counter.builder("hub.logins.failed")
                .description("wrong passwords (HTTP Basic, the login form, a password change)").register(meters);
        this.locks = io.micrometer.core.instrument.Counter.builder("hub.accounts.locked")
                .description("accounts locked after repeated wrong passwords").register(meters);
        this.jdbc = jdbc;
        this.tx = tx;
        this.encoder = encoder;
        this.rows = rows;
        this.accounts = accounts;
        this.audit = audit;
        this.properties = properties;
        this.policy = new PasswordPolicy(properties.passwordMinLength());
        this.clock = clock;
    }

    /** The columns {@link #summary} reads. */
    private static final String SUMMARY = """
            select username, display_name, unit_code, roles, enabled, failed_logins, locked_until, must_change_password,
                password_changed_at, created_at, updated_at,
                (select case when f.confirmed_at is null then 'PENDING' else 'ACTIVE' end
                 from account_second_factor f where f.username = account.username)
            from account""";

    /** A unit with how many accounts it has. */
    public record UnitSummary(String code, String name, String nameEn, String kind, int accounts, int enabledAccounts) {
    }

    /** An account as an administrator sees it: never its password or hash. */
    public record AccountSummary(String username, String displayName, String unitCode, List<Role> roles, boolean enabled,
                                 int failedLogins, Instant lockedUntil, boolean locked, boolean mustChangePassword,
                                 Instant passwordChangedAt, Instant createdAt, Instant updatedAt, SecondFactors.State secondFactor) {
    }

    /** A new account: {@code password} is temporary, its holder changes it at the first login. */
    public record NewAccount(String username, String displayName, String unitCode, List<Role> roles, String password) {
    }

    /** What to change of an account; null leaves a field as it is. */
    public record AccountChange(String displayName, String unitCode, List<Role> roles, Boolean enabled) {
    }

    public PasswordPolicy policy() {
        return policy;
    }

    // ---- units -------------------------------------------------------------------------------------------------

    public List<UnitSummary> units() {
        return jdbc.query("""
                        select u.code, u.name, u.name_en, u.kind, count(a.username), count(a.username) filter (where a.enabled)
                        from unit u left join account a on a.unit_code = u.code group by u.code order by u.code""",
                (rs, i) -> new UnitSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6)));
    }

    /** Creates or renames a unit. */
    public UnitSummary saveUnit(Accounts.Unit unit, HubUser by) {
        if (unit == null || unit.code() == null || !UNIT_CODE.matcher(unit.code()).matches()) {
            throw HubException.badRequest("unit-code", "a unit code is 2 to 32 upper-case letters, digits or _ (e.g. GAJ), not "
                    + (unit == null ? null : unit.code()));
        }
        requireText(unit.name(), "name", "the unit's Chinese name as documents print it");
        requireText(unit.nameEn(), "nameEn", "the unit's English name");
        if (unit.kind() == null || !UNIT_KINDS.contains(unit.kind())) {
            throw HubException.badRequest("unit-kind", "kind is one of " + new TreeSet<>(UNIT_KINDS) + ", not " + unit.kind());
        }
        Accounts.Unit clean = new Accounts.Unit(unit.code(), unit.name().strip(), unit.nameEn().strip(), unit.kind());
        tx.executeWithoutResult(s -> {
            Map<String, Object> before = jdbc.query("select name, name_en, kind from unit where code = ?", (rs, i) -> Map.<String, Object>of(
                    "name", rs.getString(1), "nameEn", rs.getString(2), "kind", rs.getString(3)), clean.code()).stream().findFirst().orElse(null);
            accounts.saveUnit(clean);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("unit", clean.code());
            detail.put("change", before == null ? "created" : "updated");
            detail.put("name", clean.name());
            detail.put("nameEn", clean.nameEn());
            detail.put("kind", clean.kind());
            if (before != null) {
                detail.put("before", before);
            }
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "UNIT_SAVED", null, "账户管理", detail));
        });
        return units().stream().filter(u -> u.code().equals(clean.code())).findFirst().orElseThrow();
    }

    // ---- accounts ----------------------------------------------------------------------------------------------

    /** The accounts of a unit, or all ({@code unitCode} null), by user name. */
    public List<AccountSummary> accounts(String unitCode) {
        Instant now = clock.instant();
        return jdbc.query(SUMMARY + " where (?::text is null or unit_code = ?) order by username",
                (rs, i) -> summary(rs, now), unitCode, unitCode);
    }

    public AccountSummary account(String username) {
        Instant now = clock.instant();
        return jdbc.query(SUMMARY + " where username = ?",
                (rs, i) -> summary(rs, now), username).stream().findFirst()
                .orElseThrow(() -> HubException.notFound("account", "there is no account " + username));
    }

    private static AccountSummary summary(java.sql.ResultSet rs, Instant now) throws java.sql.SQLException {
        Instant lockedUntil = instant(rs.getTimestamp(7));
        return new AccountSummary(rs.getString(1), rs.getString(2), rs.getString(3),
                Arrays.stream((String[]) rs.getArray(4).getArray()).map(AccountAdministration::role).filter(Objects::nonNull).toList(),
                rs.getBoolean(5), rs.getInt(6), lockedUntil, lockedUntil != null && lockedUntil.isAfter(now), rs.getBoolean(8),
                instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)),
                rs.getString(12) == null ? SecondFactors.State.NONE : SecondFactors.State.valueOf(rs.getString(12)));
    }

    /** Creates an account with a temporary password. */
    public AccountSummary create(NewAccount a, HubUser by) {
        if (a == null || a.username() == null || !USERNAME.matcher(a.username()).matches()) {
            throw HubException.badRequest("account-username", "a user name is 3 to 64 lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit (e.g. gaj.agent2), not " + (a == null ? null : a.username()));
        }
        requireText(a.displayName(), "displayName", "the person's name as pages show it");
        requireUnit(a.unitCode());
        Set<Role> roles = roles(a.roles());
        requirePolicy(a.username(), a.password());
        String hash = encoder.encode(a.password());
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            int inserted = jdbc.update("""
                            insert into account (username, password_hash, display_name, unit_code, roles, must_change_password, updated_at)
                            values (?, ?, ?, ?, ?, true, ?) on conflict (username) do nothing""",
                    a.username(), hash, a.displayName().strip(), a.unitCode(), names(roles), Timestamp.from(now));
            if (inserted != 1) {
                throw HubException.conflict("account-exists", "there is already an account " + a.username());
            }
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "ACCOUNT_CREATED", null, "账户管理", Map.of(
                    "account", a.username(), "unit", a.unitCode(), "roles", roles.toString())));
        });
        rows.forget(a.username());
        log.info("account {} created in unit {} with roles {} by {}", a.username(), a.unitCode(), roles, by.username());
        return account(a.username());
    }

    /** Changes an account's name, unit, roles or whether it is enabled. */
    public AccountSummary change(String username, AccountChange c, HubUser by) {
        if (c == null) {
            throw HubException.badRequest("account-change", "say what to change: displayName, unitCode, roles or enabled");
        }
        if (c.displayName() != null) {
            requireText(c.displayName(), "displayName", "the person's name as pages show it");
        }
        if (c.unitCode() != null) {
            requireUnit(c.unitCode());
        }
        Set<Role> newRoles = c.roles() == null ? null : roles(c.roles());
        Instant now = clock.instant();
        String[] unitBefore = new String[1];
        AccountSummary changed = tx.execute(s -> {
            // the enabled administrators first, always in the same order, then the account: two administrators taking each
            // other's role at once wait for each other instead of deadlocking, and the last one stays
            List<String> admins = newRoles == null && c.enabled() == null ? List.of()
                    : jdbc.queryForList("select username from account where enabled and 'ADMIN' = any(roles) order by username for update", String.class);
            AccountSummary before = lockedRow(username);
            unitBefore[0] = before.unitCode();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("account", username);
            if (c.displayName() != null && !c.displayName().strip().equals(before.displayName())) {
                detail.put("displayName", List.of(before.displayName(), c.displayName().strip()));
            }
            if (c.unitCode() != null && !c.unitCode().equals(before.unitCode())) {
                detail.put("unit", List.of(before.unitCode(), c.unitCode()));
            }
            if (newRoles != null && !newRoles.equals(Set.copyOf(before.roles()))) {
                detail.put("roles", List.of(new TreeSet<>(before.roles()).toString(), newRoles.toString()));
            }
            if (c.enabled() != null && c.enabled() != before.enabled()) {
                detail.put("enabled", List.of(before.enabled(), c.enabled()));
            }
            if (detail.size() == 1) {
                return before;
            }
            boolean staysAdmin = (newRoles == null ? before.roles().contains(Role.ADMIN) : newRoles.contains(Role.ADMIN))
                    && (c.enabled() == null ? before.enabled() : c.enabled());
            if (before.roles().contains(Role.ADMIN) && before.enabled() && !staysAdmin && admins.stream().allMatch(username::equals)) {
                throw HubException.conflict("last-admin", "account " + username + " is the hub's last enabled administrator: give another "
                        + "account the ADMIN role first");
            }
            jdbc.update("""
                            update account set display_name = coalesce(?, display_name), unit_code = coalesce(?, unit_code),
                                roles = coalesce(?, roles), enabled = coalesce(?, enabled), updated_at = ? where username = ?""",
                    c.displayName() == null ? null : c.displayName().strip(), c.unitCode(), newRoles == null ? null : names(newRoles),
                    c.enabled(), Timestamp.from(now), username);
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "ACCOUNT_CHANGED", null, "账户管理", detail));
            return null;
        });
        rows.forget(username);
        if (changed != null) {
            return changed;
        }
        AccountSummary after = account(username);
        if (c.unitCode() != null || newRoles != null || c.enabled() != null) {
            // after the commit: a listener's own transaction sees the account as changed
            events.publishEvent(new AccountChanged(username, unitBefore[0], by));
        }
        return after;
    }

    /** Sets a temporary password, which the holder must change at the next login; also unlocks the account. */
    public AccountSummary resetPassword(String username, String password, HubUser by) {
        requirePolicy(username, password);
        String hash = encoder.encode(password);
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            lockedRow(username);
            jdbc.update("""
                    update account set password_hash = ?, must_change_password = true, failed_logins = 0, locked_until = null, updated_at = ?
                    where username = ?""", hash, Timestamp.from(now), username);
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "PASSWORD_RESET", null, "账户管理", Map.of("account", username)));
        });
        rows.forget(username);
        return account(username);
    }

    /** Lifts a lock that wrong passwords set, before its time. */
    public AccountSummary unlock(String username, HubUser by) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            AccountSummary before = lockedRow(username);
            jdbc.update("update account set failed_logins = 0, locked_until = null, updated_at = ? where username = ?", Timestamp.from(now), username);
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "ACCOUNT_UNLOCKED", null, "账户管理", Map.of("account", username,
                    "wasLocked", before.locked(), "failedLogins", before.failedLogins())));
        });
        rows.forget(username);
        return account(username);
    }

    /**
     * The holder changes their own password, proving the current one: also when the password has expired (an administrator
     * set it), so this does not need a login. A wrong current password counts towards the lock like a wrong login.
     *
     * @throws HubException 403 {@code bad-credentials} for a wrong user name or password, {@code account-locked} or
     *                      {@code account-disabled}; 400 {@code password-policy} with {@code problems} for a weak new password
     */
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        if (username == null || currentPassword == null) {
            throw refused("bad-credentials", "Wrong user name or password", "give the user name and the current password");
        }
        record Current(String hash, boolean enabled, Instant lockedUntil) {
        }
        Current current = jdbc.query("select password_hash, enabled, locked_until from account where username = ?",
                (rs, i) -> new Current(rs.getString(1), rs.getBoolean(2), instant(rs.getTimestamp(3))), username).stream().findFirst().orElse(null);
        Instant now = clock.instant();
        if (current != null && current.lockedUntil() != null && current.lockedUntil().isAfter(now)) {
            throw refused("account-locked", "Account locked", lockedReason(current.lockedUntil()));
        }
        // an unknown user name costs the same slow check as a wrong password, so the time taken does not tell which
        boolean matches = encoder.matches(currentPassword, current == null ? unknownUserHash() : current.hash());
        if (current == null || !matches) {
            loginFailed(username);
            throw refused("bad-credentials", "Wrong user name or password", "the user name or the current password is wrong");
        }
        if (!current.enabled()) {
            throw refused("account-disabled", "Account disabled", "account " + username + " is disabled; ask an administrator");
        }
        if (currentPassword.equals(newPassword)) {
            throw HubException.badRequest("password-unchanged", "the new password must differ from the current one");
        }
        requirePolicy(username, newPassword);
        String hash = encoder.encode(newPassword);
        tx.executeWithoutResult(s -> {
            jdbc.update("""
                    update account set password_hash = ?, must_change_password = false, password_changed_at = ?, failed_logins = 0,
                        locked_until = null, updated_at = ? where username = ?""", hash, Timestamp.from(now), Timestamp.from(now), username);
            audit.append(new AuditLog.Entry(username, unitOf(username), "PASSWORD_CHANGED", null, "本人修改密码", Map.of("account", username)));
        });
        rows.forget(username);
        log.info("account {} changed its password", username);
    }

    private volatile String unknownUserHash;

    private String unknownUserHash() {
        String h = unknownUserHash;
        if (h == null) {
            h = encoder.encode("no account has this password " + System.nanoTime());
            unknownUserHash = h;
        }
        return h;
    }

    /** How many accounts wrong passwords have locked now. */
    public long lockedAccounts() {
        Long n = jdbc.queryForObject("select count(*) from account where locked_until > ?", Long.class, Timestamp.from(clock.instant()));
        return n == null ? 0 : n;
    }

    /** Until when {@code username} is locked, or null when it is not (or does not exist). */
    public Instant lockedUntil(String username) {
        Instant until = jdbc.query("select locked_until from account where username = ?", (rs, i) -> instant(rs.getTimestamp(1)), username)
                .stream().filter(Objects::nonNull).findFirst().orElse(null);
        return until != null && until.isAfter(clock.instant()) ? until : null;
    }

    // ---- login failures ----------------------------------------------------------------------------------------

    /**
     * Counts a wrong password; the {@link AccountProperties#maxFailedLogins()}-th in a row locks the account for
     * {@link AccountProperties#lockDuration()}. After a lock has run out the count starts again. Unknown user names count nothing.
     */
    void loginFailed(String username) {
        Instant now = clock.instant();
        Instant until = now.plus(properties.lockDuration());
        record Counted(int failed, Instant lockedUntil, String unit) {
        }
        Counted counted = jdbc.query("""
                        update account set
                            failed_logins = case when locked_until is not null and locked_until <= ? then 1 else failed_logins + 1 end,
                            locked_until = case
                                when (case when locked_until is not null and locked_until <= ? then 1 else failed_logins + 1 end) >= ? then ?
                                when locked_until is not null and locked_until <= ? then null
                                else locked_until end
                        where username = ? returning failed_logins, locked_until, unit_code""",
                (rs, i) -> new Counted(rs.getInt(1), instant(rs.getTimestamp(2)), rs.getString(3)),
                Timestamp.from(now), Timestamp.from(now), properties.maxFailedLogins(), Timestamp.from(until), Timestamp.from(now),
                username).stream().findFirst().orElse(null);
        // the next login reads the count (and the lock) again, not a row read before this failure
        rows.forget(username);
        failedLogins.increment();
        if (counted != null && counted.failed() == properties.maxFailedLogins()) {
            locks.increment();
            audit.append(new AuditLog.Entry(username, counted.unit(), "ACCOUNT_LOCKED", null, null, Map.of("account", username,
                    "failedLogins", counted.failed(), "lockedUntil", counted.lockedUntil().toString())));
            log.warn("account {} locked until {} after {} wrong passwords in a row", username, counted.lockedUntil(), counted.failed());
        }
    }

    /** A successful login after wrong passwords starts the count again. */
    void loginSucceeded(String username) {
        if (jdbc.update("update account set failed_logins = 0 where username = ? and failed_logins > 0", username) > 0) {
            rows.forget(username);
        }
    }

    // ---- the first administrator -------------------------------------------------------------------------------

    /** Creates {@code hub.accounts.initial-admin} when it is set and the hub has no enabled administrator. */
    void createInitialAdminIfNone() {
        AccountProperties.InitialAdmin a = properties.initialAdmin();
        if (a == null || !a.isSet()) {
            return;
        }
        Integer admins = jdbc.queryForObject("select count(*) from account where enabled and 'ADMIN' = any(roles)", Integer.class);
        if (admins != null && admins > 0) {
            return;
        }
        List<String> weak = policy.problems(a.username(), a.password());
        if (!weak.isEmpty()) {
            throw new IllegalStateException("hub.accounts.initial-admin.password needs: " + String.join("; ", weak));
        }
        HubUser hub = new HubUser("hub", "Proof Hub", null, Set.of());
        if (jdbc.queryForObject("select count(*) from unit where code = ?", Integer.class, a.unit()) == 0) {
            saveUnit(new Accounts.Unit(a.unit(), a.unitName(), a.unitName(), "DATA_AUTHORITY"), hub);
        }
        try {
            create(new NewAccount(a.username(), a.displayName(), a.unit(), List.of(Role.ADMIN), a.password()), hub);
        } catch (HubException e) {
            // another instance starting at the same time made it first
            if (e.status() == HttpStatus.CONFLICT) {
                log.info("the initial administrator {} exists already", a.username());
                return;
            }
            throw e;
        }
        log.warn("created the initial administrator {} (hub.accounts.initial-admin): change its password at the first login", a.username());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private AccountSummary lockedRow(String username) {
        Instant now = clock.instant();
        return jdbc.query(SUMMARY + " where username = ? for update",
                (rs, i) -> summary(rs, now), username).stream().findFirst()
                .orElseThrow(() -> HubException.notFound("account", "there is no account " + username));
    }

    private void requireUnit(String unitCode) {
        if (unitCode == null || jdbc.queryForObject("select count(*) from unit where code = ?", Integer.class, unitCode) == 0) {
            throw new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-unit", "Unknown unit",
                    "there is no unit " + unitCode + "; create it first (PUT /api/admin/units/{code})");
        }
    }

    private void requirePolicy(String username, String password) {
        List<String> problems = policy.problems(username, password);
        if (!problems.isEmpty()) {
            throw HubException.badRequest("password-policy", "the password needs: " + String.join("; ", problems)).with("problems", problems);
        }
    }

    private static Set<Role> roles(List<Role> roles) {
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(Objects::isNull)) {
            throw HubException.badRequest("account-roles", "give the account's roles, some of " + Arrays.toString(Role.values()));
        }
        return new TreeSet<>(roles);
    }

    private static String[] names(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toArray(String[]::new);
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private String unitOf(String username) {
        return jdbc.query("select unit_code from account where username = ?", (rs, i) -> rs.getString(1), username).stream().findFirst().orElse(null);
    }

    private static void requireText(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw HubException.badRequest("missing-" + field, "give " + field + ": " + what);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** 403, not 401: the credentials came in the body, not as an HTTP authentication a client could answer. */
    private static HubException refused(String type, String title, String detail) {
        return new HubException(HttpStatus.FORBIDDEN, type, title, detail);
    }

    /** Why a locked account is refused, and until when (Beijing time) when that is known; also HTTP Basic's 401 says it. */
    static String lockedReason(Instant until) {
        return "the account is locked after repeated wrong passwords" + (until == null ? "" : " until " + LoginRefusals.beijing(until)
                + " (Beijing time)") + "; an administrator can unlock it sooner";
    }
}
