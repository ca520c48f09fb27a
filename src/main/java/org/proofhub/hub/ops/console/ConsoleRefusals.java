package org.proofhub.hub.ops.console;

import java.util.function.Supplier;
import org.proofhub.hub.platform.AccessRefused;
import org.proofhub.hub.platform.HubException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A page's read of another unit's record, or of one that does not exist, answers with the console's 403 page (the same
 * for both, so ids cannot be probed) instead of a problem document. A 403 from a service (a hub rule, which the API's
 * problem handler records) is recorded here as {@link AccessRefused} for the audit trail; a 404 is recorded by the services
 * that answer another unit's record as not found.
 */
final class ConsoleRefusals {

    private ConsoleRefusals() {
    }

    /** {@code work}'s result; a 403 or 404 from it becomes the console's 403 page with {@code refusal} as the reason. */
    static <T> T forbiddenIfRefused(Supplier<T> work, Supplier<String> refusal, ApplicationEventPublisher events, String resource) {
        try {
            return work.get();
        } catch (HubException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                recordIfForbidden(e, events, resource);
                throw new AccessDeniedException(refusal.get() + ": " + e.getMessage());
            }
            throw e;
        }
    }

    /** Records a service's 403 (a hub rule refused the logged-in account) as the API's problem handler does. */
    static void recordIfForbidden(HubException e, ApplicationEventPublisher events, String resource) {
        org.springframework.security.core.Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (e.status() == HttpStatus.FORBIDDEN && who != null && who.isAuthenticated()) {
            events.publishEvent(new AccessRefused(who.getName(), resource, e.type() == null ? e.title() : e.type().toString()));
        }
    }
}
