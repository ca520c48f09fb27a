package org.proofhub.hub.commitment;

import java.time.Instant;
import java.util.List;

/**
 * Finding messages that departments' systems sent over JMS ({@code hub.commitment.findings}) and the hub refused, with
 * the reason (identifiers in it masked): for the sending unit to correct and send again, and for operators to see what
 * did not arrive.
 */
public interface RefusedFindings {

    /** A refused finding message; {@code unit} and {@code checkId} are null when it could not be read. */
    record Refused(String messageId, String checkId, String unit, String result, Instant receivedAt, String problem) {
    }

    /** Newest first: of {@code unit}, or all (unreadable ones included) when {@code unit} is null. */
    List<Refused> refused(String unit, int limit);
}
