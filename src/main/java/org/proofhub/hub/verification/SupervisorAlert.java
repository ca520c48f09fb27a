package org.proofhub.hub.verification;

import java.time.Instant;

/**
 * An entry in a supervisor's inbox: ESCALATION (a deadline passed: see it answered by {@code respondBy}),
 * BREACH, or NO_ONE_ON_DUTY (a request could only be given to the supervisor). It is about a verification request
 * ({@code requestId}) or a post-check of a commitment ({@code postCheckId}); NO_ONE_ON_DUTY may name neither.
 *
 * @param acknowledgedAt   when the supervisor took it up (签收), with who and their note; null while nobody has
 * @param requestStatus    the request's state now (null for a post-check or no request)
 * @param assignedAgent    who holds the request now
 * @param open             still needs the supervisor: not acknowledged, and its request (if any) still awaits an answer
 */
public record SupervisorAlert(long id, String kind, String requestId, String postCheckId, String unitCode, String supervisor,
                              Instant raisedAt, Instant respondBy, Instant acknowledgedAt, String acknowledgedBy,
                              String acknowledgedNote, RequestStatus requestStatus, String assignedAgent, boolean open) {
}
