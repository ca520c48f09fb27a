package org.proofhub.hub.ops.console;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.proofhub.hub.account.SecondFactors;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's second login step: a session whose account needs a second factor (see {@link SecondFactors}) reaches only
 * {@value #PAGE} — where it enrols an authenticator app or types its code — until a code was accepted in this session.
 */
final class SecondFactorStep extends OncePerRequestFilter {
    static final String PAGE = "/login/second-factor";
    private static final Set<String> OPEN = Set.of(PAGE, "/logout", "/login", "/login/password", "/console/console.css", "/console/console.js");

    private final SecondFactors secondFactors;

    SecondFactorStep(SecondFactors secondFactors) {
        this.secondFactors = secondFactors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (OPEN.contains(path) || path.startsWith("/console/fonts/") || !secondFactors.owedBy(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.sendRedirect(request.getContextPath() + PAGE);
    }
}
