package org.proofhub.hub.verification;

import java.time.Instant;

/**
 * An SLA breach: the request was still unanswered when the supervisor's half hour after the deadline ran out.
 *
 * @param answeredAt when it was answered after all, or null
 */
public record Breach(String requestId, String issuingUnit, String assignedAgent, String supervisor, Instant receivedAt,
                     Instant deadline, Instant escalatedAt, Instant breachedAt, Instant answeredAt) {
}
