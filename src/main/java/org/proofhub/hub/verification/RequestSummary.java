package org.proofhub.hub.verification;

import java.time.Instant;

/**
 * A line of an inbox or outbox: no personal data in clear (the subject is masked), so lists are not audited.
 *
 * @param overdue true when the deadline has passed without an answer
 */
public record RequestSummary(String id, RequestStatus status, String requestingUnit, String requestingAgent, String issuingUnit,
                             String assignedAgent, String serviceItemCode, String applicationId, ItemKind itemKind, String proofType,
                             String subjectMasked, Instant receivedAt, Instant deadline, boolean overdue, Instant escalatedAt,
                             Instant breachedAt, Instant answeredAt, String proofStatus, String proofId,
                             boolean supplementaryRequired, boolean dataLinked, String readdressedTo) {
}
