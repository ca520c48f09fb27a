package org.proofhub.hub.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.proofhub.hub.platform.Masking;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.ExpressionAuthorizationDecision;
import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Why a logged-in account was refused by a role check (403) on the API, as a problem document a person understands: which
 * account with which roles may not do what, and what the check asks for. Role checks of URLs and of methods
 * ({@code @PreAuthorize}) both end here; the audit trail records them from Spring Security's authorization events
 * (see {@code audit.AccessAudit}), so nothing is recorded here. The console has its own 403 page.
 */
@Component
class AccessRefusals implements AccessDeniedHandler {
    static final java.net.URI TYPE = java.net.URI.create("https://proofhub.org/problems/access-denied");

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, reason(request, e));
        pd.setType(TYPE);
        pd.setTitle("Access denied");
        // a path may carry a citizen ID or USCC (/api/canonical/Person/…): masked, as everywhere a person may read it
        pd.setInstance(java.net.URI.create(Masking.maskIdentifiers(request.getRequestURI())));
        ProblemResponses.write(response, pd);
    }

    static String reason(HttpServletRequest request, AccessDeniedException e) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String account = who == null ? "this account" : "account " + Masking.maskIdentifiers(who.getName()) + " (roles " + roles(who) + ")";
        String reason = account + " may not " + request.getMethod() + " " + Masking.maskIdentifiers(request.getRequestURI());
        String needs = needs(e);
        return needs == null ? reason : reason + ": it needs " + needs;
    }

    private static String roles(Authentication who) {
        String roles = who.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(a -> a != null && a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length())).sorted().collect(Collectors.joining(", "));
        return roles.isEmpty() ? "none" : roles;
    }

    /** What the refusing check asks for, e.g. "hasRole('ADMIN')" or "one of the roles OPERATOR, ADMIN"; null if unknown. */
    private static String needs(AccessDeniedException e) {
        if (e instanceof AuthorizationDeniedException denied) {
            if (denied.getAuthorizationResult() instanceof ExpressionAuthorizationDecision expression && expression.getExpression() != null) {
                return expression.getExpression().getExpressionString();
            }
            if (denied.getAuthorizationResult() instanceof AuthorityAuthorizationDecision authorities) {
                return "one of the roles " + authorities.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                        .map(a -> a.startsWith("ROLE_") ? a.substring("ROLE_".length()) : a).sorted().collect(Collectors.joining(", "));
            }
        }
        return null;
    }
}
