package org.proofhub.hub.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.proofhub.hub.platform.BeijingTime;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * Why a call was not let in, as a problem document a person understands (401): no login, a wrong user name or password, the
 * account locked after wrong passwords (until when), disabled, or its password set by an administrator and not yet changed
 * (where to change it). Also counts the wrong passwords of HTTP Basic and the login form towards the lock, and resets the
 * count at the next good login.
 */
@Component
class LoginRefusals implements AuthenticationEntryPoint {
    static final String CHANGE_PASSWORD = "POST /api/public/account/password";

    private static final org.springframework.security.web.authentication.www.BasicAuthenticationConverter BASIC =
            new org.springframework.security.web.authentication.www.BasicAuthenticationConverter();

    private final AccountAdministration administration;
    private final SecondFactors secondFactors;

    LoginRefusals(AccountAdministration administration, SecondFactors secondFactors) {
        this.administration = administration;
        this.secondFactors = secondFactors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        ProblemDetail pd;
        if (e instanceof LockedException) {
            pd = problem("account-locked", "Account locked", AccountAdministration.lockedReason(administration.lockedUntil(basicUsername(request))));
        } else if (e instanceof CredentialsExpiredException) {
            pd = problem("password-change-required", "Password must be changed", "the password was set by an administrator, or is older "
                    + "than the hub allows, and must be changed by its holder first: " + CHANGE_PASSWORD
                    + " with username, currentPassword and newPassword");
        } else if (e instanceof DisabledException) {
            pd = problem("account-disabled", "Account disabled", "the account is disabled; ask an administrator");
        } else if (request.getHeader("Authorization") == null) {
            pd = problem("unauthenticated", "Not logged in", "log in with a hub account (HTTP Basic)");
        } else {
            pd = problem("bad-credentials", "Wrong user name or password", "the user name or the password is wrong; "
                    + "repeated wrong passwords lock the account for a while");
        }
        // the challenge RFC 7235 asks of every 401 (the console has its own login page and calls no /api address)
        response.setHeader("WWW-Authenticate", "Basic realm=\"proof-hub\"");
        ProblemResponses.write(response, pd);
    }

    @EventListener
    void wrongPassword(AuthenticationFailureBadCredentialsEvent event) {
        if (event.getAuthentication() != null && event.getAuthentication().getName() != null) {
            administration.loginFailed(event.getAuthentication().getName());
        }
    }

    @EventListener
    void loggedIn(AuthenticationSuccessEvent event) {
        // every HTTP Basic call is a login: the database is written only after wrong passwords. An account that logs in with a
        // second factor is not in yet: its count starts again when its code is accepted (SecondFactors), so that wrong codes add up
        if (event.getAuthentication().getPrincipal() instanceof HubPrincipal p && p.failedLogins() > 0
                && !secondFactors.required(p.getAuthorities())) {
            administration.loginSucceeded(p.getUsername());
        }
    }

    static String beijing(Instant t) {
        return BeijingTime.TO_MINUTE.format(t);
    }

    private static ProblemDetail problem(String type, String title, String detail) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        pd.setType(java.net.URI.create("https://proofhub.org/problems/" + type));
        pd.setTitle(title);
        return pd;
    }

    private static String basicUsername(HttpServletRequest request) {
        try {
            org.springframework.security.authentication.UsernamePasswordAuthenticationToken basic = BASIC.convert(request);
            return basic == null ? null : basic.getName();
        } catch (AuthenticationException malformed) {
            return null;
        }
    }
}
