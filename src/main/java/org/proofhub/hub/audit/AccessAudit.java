package org.proofhub.hub.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.aopalliance.intercept.MethodInvocation;
import org.proofhub.hub.platform.AccessRefused;
import org.proofhub.hub.platform.Masking;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Every denied access goes to the audit trail (SPEC §7.3): a role check that refused a logged-in account
 * ({@code ACCESS_DENIED}, from Spring Security's authorization events for URLs and methods), a refusal by the hub's
 * own rules such as another unit's request ({@code ACCESS_DENIED} from {@link AccessRefused}), and a failed login
 * ({@code LOGIN_FAILED}). Calls without any login are answered 401 and not recorded one by one.
 */
@Component
class AccessAudit {
    private final AuditLog audit;
    private final JdbcTemplate jdbc;

    AccessAudit(AuditLog audit, JdbcTemplate jdbc) {
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        Authentication who = event.getAuthentication().get();
        if (who == null || who instanceof AnonymousAuthenticationToken || !who.isAuthenticated()) {
            return;
        }
        record(who.getName(), "ACCESS_DENIED", Map.of("resource", resource(event.getSource()), "by", "role check"));
    }

    @EventListener
    void refused(AccessRefused event) {
        record(event.username(), "ACCESS_DENIED", Map.of("resource", event.resource(), "by", "hub rule", "reason", event.reason()));
    }

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        // whatever was typed as the user name: an identifier typed there by mistake is masked like in the logs
        String name = event.getAuthentication() == null ? "" : Masking.maskIdentifiers(String.valueOf(event.getAuthentication().getName()));
        record(name.length() > 64 ? name.substring(0, 64) : name, "LOGIN_FAILED",
                Map.of("reason", event.getException().getClass().getSimpleName()));
    }

    private void record(String username, String action, Map<String, Object> detail) {
        String unit = jdbc.query("select unit_code from account where username = ?", (rs, i) -> rs.getString(1), username).stream()
                .findFirst().orElse(null);
        audit.append(new AuditLog.Entry(username, unit, action, null, null, detail));
    }

    private static String resource(Object secured) {
        if (secured instanceof HttpServletRequest r) {
            return r.getMethod() + " " + r.getRequestURI();
        }
        if (secured instanceof MethodInvocation m) {
            return m.getMethod().getDeclaringClass().getSimpleName() + "." + m.getMethod().getName();
        }
        return String.valueOf(secured.getClass().getSimpleName());
    }
}
