package org.proofhub.hub.verification;

import java.time.Instant;

/**
 * An entry in a supervisor's inbox: ESCALATION (a deadline passed: see it answered by {@code respondBy}),
 * BREACH, or NO_ONE_ON_DUTY (a request could only be given to the supervisor).
 */
public record SupervisorAlert(long id, String kind, String requestId, String unitCode, String supervisor, Instant raisedAt,
                              Instant respondBy, Instant acknowledgedAt, String acknowledgedBy) {
}
