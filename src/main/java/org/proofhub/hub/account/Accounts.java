package org.proofhub.hub.account;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.proofhub.hub.platform.HubException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Units and accounts, stored in the hub database. */
@Service
public class Accounts {
    /**
     * How long unit names are taken from memory. Every proof names two or three units and every query asked the
     * database again; units are seeded or changed by an administrator, rarely, and a rename reaches documents
     * within this time (at once on this instance, see {@link #saveUnit}).
     */
    static final long UNIT_NAMES_FRESH_NANOS = 60_000_000_000L;

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private volatile UnitNames unitNames;

    private record UnitNames(Map<String, String> byCode, long loadedAtNanos) {
        boolean isFresh() {
            return System.nanoTime() - loadedAtNanos < UNIT_NAMES_FRESH_NANOS;
        }
    }

    public Accounts(JdbcTemplate jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** A unit (department or office). */
    public record Unit(String code, String name, String nameEn, String kind) {
    }

    @Transactional
    public void saveUnit(Unit unit) {
        jdbc.update("""
                insert into unit (code, name, name_en, kind) values (?, ?, ?, ?)
                on conflict (code) do update set name = excluded.name, name_en = excluded.name_en, kind = excluded.kind""",
                unit.code(), unit.name(), unit.nameEn(), unit.kind());
        unitNames = null;
    }

    /** An account to create: its password in clear until it is hashed. */
    public record NewAccount(String username, String rawPassword, String displayName, String unitCode, Set<Role> roles) {
    }

    /**
     * Creates the accounts that do not exist yet; existing accounts keep their passwords. Only the new ones are hashed,
     * side by side: each hash costs tens of milliseconds by design, and a start with a few dozen demo accounts spent
     * two seconds on hashes it then threw away.
     *
     * @return the usernames created, in the order given
     */
    @Transactional
    public List<String> createAllIfAbsent(List<NewAccount> wanted) {
        Set<String> existing = Set.copyOf(jdbc.queryForList("select username from account where username = any(?)", String.class,
                (Object) wanted.stream().map(NewAccount::username).toArray(String[]::new)));
        List<NewAccount> missing = wanted.stream().filter(a -> !existing.contains(a.username())).toList();
        List<String> hashes = missing.parallelStream().map(a -> encoder.encode(a.rawPassword())).toList();
        List<String> created = new java.util.ArrayList<>();
        for (int i = 0; i < missing.size(); i++) {
            NewAccount a = missing.get(i);
            if (insert(a.username(), hashes.get(i), a.displayName(), a.unitCode(), a.roles())) {
                created.add(a.username());
            }
        }
        return created;
    }

    private boolean insert(String username, String passwordHash, String displayName, String unitCode, Set<Role> roles) {
        return jdbc.update("""
                insert into account (username, password_hash, display_name, unit_code, roles) values (?, ?, ?, ?, ?)
                on conflict (username) do nothing""",
                username, passwordHash, displayName, unitCode, roles.stream().map(Role::name).sorted().toArray(String[]::new)) == 1;
    }

    public Optional<HubUser> find(String username) {
        return jdbc.query("select username, display_name, unit_code, roles from account where username = ? and enabled",
                (rs, i) -> new HubUser(rs.getString(1), rs.getString(2), rs.getString(3),
                        Arrays.stream((String[]) rs.getArray(4).getArray()).map(Role::valueOf).collect(Collectors.toUnmodifiableSet())),
                username).stream().findFirst();
    }

    public List<Unit> units() {
        return jdbc.query("select code, name, name_en, kind from unit order by code",
                (rs, i) -> new Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }

    /** The unit's Chinese name as printed in documents, or its code when there is no such unit. */
    public String unitName(String code) {
        UnitNames names = unitNames;
        if (names == null || !names.isFresh()) {
            names = new UnitNames(units().stream().collect(Collectors.toUnmodifiableMap(Unit::code, Unit::name)), System.nanoTime());
            unitNames = names;
        }
        return names.byCode().getOrDefault(code, code);
    }

    /** The account behind the current request. */
    public HubUser current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || a instanceof AnonymousAuthenticationToken || !a.isAuthenticated()) {
            throw new HubException(org.springframework.http.HttpStatus.UNAUTHORIZED, "unauthenticated", "Not logged in",
                    "log in with a hub account");
        }
        // HTTP Basic read the account (enabled, roles, unit) a moment ago in this request: no second read
        if (a.getPrincipal() instanceof HubPrincipal p && p.hubUser() != null) {
            return p.hubUser();
        }
        return find(a.getName()).orElseThrow(() -> new HubException(org.springframework.http.HttpStatus.UNAUTHORIZED,
                "unknown-account", "Unknown account", "the account " + a.getName() + " does not exist or is disabled"));
    }
}
