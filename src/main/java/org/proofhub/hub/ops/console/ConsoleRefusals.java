package org.proofhub.hub.ops.console;

import java.util.function.Supplier;
import org.proofhub.hub.platform.HubException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;

/**
 * A page's read of another unit's record, or of one that does not exist, answers with the console's 403 page (the same
 * for both, so ids cannot be probed) instead of a problem document; the services record the refusal where they do.
 */
final class ConsoleRefusals {

    private ConsoleRefusals() {
    }

    /** {@code work}'s result; a 403 or 404 from it becomes the console's 403 page with {@code refusal} as the reason. */
    static <T> T forbiddenIfRefused(Supplier<T> work, Supplier<String> refusal) {
        try {
            return work.get();
        } catch (HubException e) {
            if (e.status() == HttpStatus.FORBIDDEN || e.status() == HttpStatus.NOT_FOUND) {
                throw new AccessDeniedException(refusal.get() + ": " + e.getMessage());
            }
            throw e;
        }
    }
}
