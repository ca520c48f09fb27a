package org.proofhub.hub.verification;

import java.time.Instant;

/**
 * An entry in a supervisor's inbox: ESCALATION (a deadline passed: see it answered by {@code respondBy}),
 * BREACH, or NO_ONE_ON_DUTY (a request could only be given to the supervisor). It is about a verification request
 * ({@code requestId}) or a post-check of a commitment ({@code postCheckId}); NO_ONE_ON_DUTY may name neither.
 */
public record SupervisorAlert(long id, String kind, String requestId, String postCheckId, String unitCode, String supervisor,
                              Instant raisedAt, Instant respondBy, Instant acknowledgedAt, String acknowledgedBy) {
}
