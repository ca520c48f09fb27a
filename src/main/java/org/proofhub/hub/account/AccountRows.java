package org.proofhub.hub.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The account rows HTTP Basic and the login form authenticate against. A row read less than {@link #FRESH_NANOS} ago is used
 * again: at hundreds of calls a second from one agent, one read a second instead of one per call (a round trip to the database
 * and a wake-up of the calling thread, about 5 % of a proof's CPU), and an account disabled or locked in the database is refused
 * within that second — at once on this instance, which {@linkplain #forget forgets} a row it changes. Accounts not found are
 * not remembered, so a new account works at once. Each call gets a principal of its own: Spring Security erases the password of
 * the one it authenticated.
 */
final class AccountRows implements UserDetailsService {
    /** How long a row read is used again: {@link HubPrincipal#FRESH_NANOS}, within which it counts as current. */
    static final long FRESH_NANOS = HubPrincipal.FRESH_NANOS;
    private static final int REMEMBERED = 10_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final java.time.Duration passwordMaxAge;
    private final Map<String, Row> recent = new ConcurrentHashMap<>();

    /** {@code passwordMaxAge}: a password older than this counts as expired, like a temporary one; zero never ages. */
    AccountRows(JdbcTemplate jdbc, Clock clock, java.time.Duration passwordMaxAge) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.passwordMaxAge = passwordMaxAge;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        long now = System.nanoTime();
        Row row = username == null ? null : recent.get(username);
        if (row == null || now - row.readAtNanos() >= FRESH_NANOS) {
            List<Row> rows = jdbc.query("""
                            select username, password_hash, roles, enabled, display_name, unit_code, failed_logins, locked_until, must_change_password,
                                coalesce(password_changed_at, created_at)
                            from account where username = ?""",
                    (rs, i) -> new Row(rs.getString(1), rs.getString(2), (String[]) rs.getArray(3).getArray(), rs.getBoolean(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7),
                            rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant(), rs.getBoolean(9),
                            rs.getTimestamp(10).toInstant(), now),
                    username);
            if (rows.isEmpty()) {
                recent.remove(username);
                throw new UsernameNotFoundException("no account " + username);
            }
            row = rows.get(0);
            // bounded: a full map is dropped whole, which costs each account one read again
            if (recent.size() >= REMEMBERED) {
                recent.clear();
            }
            recent.put(username, row);
        }
        return row.principal(clock.instant(), passwordMaxAge);
    }

    /** The next authentication of {@code username} on this instance reads its row again. */
    void forget(String username) {
        recent.remove(username);
    }

    /** An account row as authentication reads it, and when it was read. */
    private record Row(String username, String passwordHash, String[] roles, boolean enabled, String displayName, String unitCode,
                       int failedLogins, Instant lockedUntil, boolean mustChangePassword, Instant passwordSetAt, long readAtNanos) {
        HubPrincipal principal(Instant now, java.time.Duration maxAge) {
            boolean locked = lockedUntil != null && lockedUntil.isAfter(now);
            boolean aged = !maxAge.isZero() && !passwordSetAt.plus(maxAge).isAfter(now);
            return new HubPrincipal(username, passwordHash, enabled, !locked, !mustChangePassword && !aged,
                    Arrays.stream(roles).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList(),
                    enabled ? SecurityConfiguration.hubUser(username, displayName, unitCode, roles) : null, failedLogins, readAtNanos);
        }
    }
}
