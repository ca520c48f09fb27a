package org.proofhub.hub.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every API call is authenticated (HTTP Basic for programs); roles come from the account table. Accounts that must log in
 * with a second factor (administrators, {@link SecondFactors}) send a current one-time code with their password. A call
 * without a good login is answered by {@link LoginRefusals} (401), a role check that refuses a logged-in account by
 * {@link AccessRefusals} (403), both as problem details.
 * Health and the OpenAPI description are public so that operators' probes and integrators can reach them.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@org.springframework.boot.context.properties.EnableConfigurationProperties(AccountProperties.class)
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
     * The OpenAPI description says how to log in: HTTP Basic, and for accounts that need one (administrators) the second
     * factor's header as well; the public addresses need neither. Swagger UI's "Authorize" then takes both.
     */
    @Bean
    org.springdoc.core.customizers.OpenApiCustomizer securitySchemes(AccountProperties properties) {
        return openApi -> {
            io.swagger.v3.oas.models.Components components = openApi.getComponents() == null
                    ? new io.swagger.v3.oas.models.Components() : openApi.getComponents();
            components.addSecuritySchemes("basic", new io.swagger.v3.oas.models.security.SecurityScheme()
                    .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP).scheme("basic")
                    .description("a hub account's user name and password"));
            components.addSecuritySchemes("secondFactor", new io.swagger.v3.oas.models.security.SecurityScheme()
                    .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.APIKEY)
                    .in(io.swagger.v3.oas.models.security.SecurityScheme.In.HEADER).name(SecondFactorFilter.HEADER)
                    .description("the current six-digit code of the account's authenticator app, asked of accounts with the roles "
                            + properties.secondFactorRoles().stream().map(Role::name).sorted().toList()
                            + " besides the password (enrol: POST " + SecondFactorFilter.OWN + ")"));
            openApi.components(components);
            openApi.setSecurity(java.util.List.of(
                    new io.swagger.v3.oas.models.security.SecurityRequirement().addList("basic"),
                    new io.swagger.v3.oas.models.security.SecurityRequirement().addList("basic").addList("secondFactor")));
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> {
                    if (path.startsWith("/api/public/")) {
                        item.readOperations().forEach(o -> o.setSecurity(java.util.List.of()));
                    }
                });
            }
        };
    }

    /** The start-up report says who logs in with a second factor, and how. */
    @Bean
    org.proofhub.hub.platform.StartupNote secondFactorNote(AccountProperties properties) {
        return baseUrl -> properties.secondFactorRoles().isEmpty() ? java.util.List.of() : java.util.List.of(
                "  Second factor  accounts with " + properties.secondFactorRoles().stream().map(Role::name).sorted().toList()
                        + " log in with a one-time code too (等保): the console shows an authenticator-app QR code at the first login;",
                "                 on /api such an account enrols with POST /api/account/second-factor, then sends "
                        + SecondFactorFilter.HEADER + ": <code> with every call");
    }

    /** A production hub starts without accounts: {@code hub.accounts.initial-admin} makes the first administrator. */
    @Bean
    org.springframework.boot.ApplicationRunner initialAdministrator(AccountAdministration administration) {
        return args -> administration.createInitialAdminIfNone();
    }

    /** HTTP Basic and the login form authenticate against the account table; see {@link AccountRows}. */
    @Bean
    AccountRows userDetailsService(JdbcTemplate jdbc, Clock clock, AccountProperties properties) {
        return new AccountRows(jdbc, clock, properties.passwordMaxAge());
    }

    /** The account as {@link Accounts#find} reads it; null when a role is unknown here (then it is read and refused there). */
    static HubUser hubUser(String username, String displayName, String unitCode, String[] roles) {
        try {
            return new HubUser(username, displayName, unitCode,
                    Arrays.stream(roles).map(Role::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet()));
        } catch (IllegalArgumentException unknownRole) {
            return null;
        }
    }

    @Bean
    @org.springframework.core.annotation.Order(1)
    SecurityFilterChain api(HttpSecurity http, LoginRefusals entryPoint, AccessRefusals refused, SecondFactors secondFactors) throws Exception {
        http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/api/public/**").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole("OPERATOR", "ADMIN")
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(entryPoint))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(refused))
                .addFilterAfter(new SecondFactorFilter(secondFactors),
                        org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class);
        return http.build();
    }

    /** Everything else: the public verification page a QR code opens; the rest needs a login. */
    @Bean
    SecurityFilterChain web(HttpSecurity http, SecondFactors secondFactors) throws Exception {
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/verify/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                .addFilterAfter(new SecondFactorFilter(secondFactors),
                        org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class);
        return http.build();
    }
}
