package org.proofhub.hub.verification;

import java.time.Instant;
import java.util.Map;

/**
 * What the issuing unit says about a request (SPEC §4.2): OPENED (someone took it), CONFIRMED with the
 * proof's facts, DELAYED with a reason and a new time, REJECTED with a reason, RETURNED with a reason
 * and a transfer suggestion.
 *
 * @param kind          what kind of answer
 * @param content       CONFIRMED: the facts, field to value
 * @param reason        DELAYED, REJECTED, RETURNED: why
 * @param newDeadline   DELAYED: when the answer will come
 * @param suggestedUnit RETURNED: the unit to ask instead
 */
public record Answer(ReplyKind kind, Map<String, String> content, String reason, Instant newDeadline, String suggestedUnit) {

    public static Answer opened() {
        return new Answer(ReplyKind.OPENED, null, null, null, null);
    }

    public static Answer confirmed(Map<String, String> content) {
        return new Answer(ReplyKind.CONFIRMED, content, null, null, null);
    }

    public static Answer delayed(String reason, Instant newDeadline) {
        return new Answer(ReplyKind.DELAYED, null, reason, newDeadline, null);
    }

    public static Answer rejected(String reason) {
        return new Answer(ReplyKind.REJECTED, null, reason, null, null);
    }

    public static Answer returned(String reason, String suggestedUnit) {
        return new Answer(ReplyKind.RETURNED, null, reason, null, suggestedUnit);
    }

    @Override
    public String toString() {
        return "Answer[" + kind + "]";
    }
}
