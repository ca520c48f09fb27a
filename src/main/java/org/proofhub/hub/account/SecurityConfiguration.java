package org.proofhub.hub.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

/**
 * Every API call is authenticated (HTTP Basic for programs); roles come from the account table.
 * Health and the OpenAPI description are public so that operators' probes and integrators can reach them.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {
    /** Long enough to spare a busy client the slow check on each call, short enough to be no credential store. */
    static final Duration REMEMBER_PASSWORD_CHECKS = Duration.ofMinutes(5);
    private static final int REMEMBERED_CHECKS = 10_000;

    /**
     * bcrypt (through the delegating encoder, so stored hashes name their scheme), with successful checks
     * remembered for {@link #REMEMBER_PASSWORD_CHECKS}: HTTP Basic checks the password on every call.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new RememberingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder(), REMEMBER_PASSWORD_CHECKS,
                REMEMBERED_CHECKS, Clock.systemUTC());
    }

    /**
     * No Micrometer observation per security filter, authentication and authorization: they wrapped each of the chain's
     * filters of every call (timers nobody reads; the audit trail takes its records from events, and the request metrics
     * {@code http.server.requests} stay). They were several per cent of a proof's CPU.
     */
    @Bean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /** Denied URL and method authorizations become events, which the audit trail records. */
    @Bean
    org.springframework.security.authorization.AuthorizationEventPublisher authorizationEventPublisher(
            org.springframework.context.ApplicationEventPublisher events) {
        return new org.springframework.security.authorization.SpringAuthorizationEventPublisher(events);
    }

    /**
     * HTTP Basic needs the account (enabled, password hash, roles, unit) on every call. A row read less than
     * {@link #ACCOUNT_READ_FRESH_NANOS} ago is used again: at hundreds of calls a second from one agent, one read a
     * second instead of one per call (a round trip to the database and a wake-up of the calling thread, about 5 % of a
     * proof's CPU), and an account disabled in the database is refused within that second. Accounts not found are not
     * remembered, so a new account works at once. Each call gets a principal of its own: Spring Security erases the
     * password of the one it authenticated.
     */
    @Bean
    UserDetailsService userDetailsService(JdbcTemplate jdbc) {
        java.util.Map<String, AccountRow> recent = new java.util.concurrent.ConcurrentHashMap<>();
        return username -> {
            long now = System.nanoTime();
            AccountRow row = username == null ? null : recent.get(username);
            if (row == null || now - row.readAtNanos() >= ACCOUNT_READ_FRESH_NANOS) {
                List<AccountRow> rows = jdbc.query("select username, password_hash, roles, enabled, display_name, unit_code from account where username = ?",
                        (rs, i) -> new AccountRow(rs.getString(1), rs.getString(2), (String[]) rs.getArray(3).getArray(), rs.getBoolean(4),
                                rs.getString(5), rs.getString(6), now),
                        username);
                if (rows.isEmpty()) {
                    recent.remove(username);
                    throw new UsernameNotFoundException("no account " + username);
                }
                row = rows.get(0);
                // bounded: a full map is dropped whole, which costs each account one read again
                if (recent.size() >= REMEMBERED_CHECKS) {
                    recent.clear();
                }
                recent.put(username, row);
            }
            return row.principal();
        };
    }

    /** How long an account row read by HTTP Basic is used again: {@link HubPrincipal#FRESH_NANOS}, within which it counts as current. */
    static final long ACCOUNT_READ_FRESH_NANOS = HubPrincipal.FRESH_NANOS;

    /** An account row as HTTP Basic reads it, and when it was read. */
    private record AccountRow(String username, String passwordHash, String[] roles, boolean enabled, String displayName, String unitCode,
                              long readAtNanos) {
        HubPrincipal principal() {
            return new HubPrincipal(username, passwordHash, enabled,
                    Arrays.stream(roles).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList(),
                    enabled ? hubUser(username, displayName, unitCode, roles) : null, readAtNanos);
        }
    }

    /** The account as {@link Accounts#find} reads it; null when a role is unknown here (then it is read and refused there). */
    private static HubUser hubUser(String username, String displayName, String unitCode, String[] roles) {
        try {
            return new HubUser(username, displayName, unitCode,
                    Arrays.stream(roles).map(Role::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet()));
        } catch (IllegalArgumentException unknownRole) {
            return null;
        }
    }

    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/api/public/**").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole("OPERATOR", "ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)));
        return http.build();
    }

    /** Everything else: the public verification page a QR code opens; the rest needs a login. */
    @Bean
    SecurityFilterChain web(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/verify/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }
}
