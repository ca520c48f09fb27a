package org.proofhub.hub.verification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.canonical.SubjectType;

/**
 * One request with everything the two units may see, including the subject in clear: reading it is
 * written to the audit trail.
 *
 * @param itemPromisedLimit  a commitment item's promised limit
 * @param latestDeadline     how far a delay may move the deadline (the item's limit)
 * @param verificationMillis receipt to answer: recorded apart from the item's own processing time
 * @param idScan             content type and size of the ID scan, if any (the file has its own endpoint)
 * @param dataLinks          canonical records that arrived after the proof was confirmed
 */
public record RequestDetail(String id, RequestStatus status, String requestingUnit, String requestingAgent, String issuingUnit,
                            String assignedAgent, String assignedPost, String serviceItemCode, String applicationId, ItemKind itemKind,
                            Duration itemPromisedLimit, boolean dataBacked, String proofType, SubjectType subjectType,
                            String subjectId, String subjectName, String queryLetter, Map<String, String> declared,
                            Instant receivedAt, Instant deadline, Instant firstDeadline, Instant latestDeadline,
                            Instant returnUntil, Instant openedAt, String openedBy, Instant escalatedAt,
                            Instant escalationDueAt, Instant breachedAt, Instant answeredAt, String answeredBy,
                            String answerChannel, String answerReason, String suggestedUnit, Map<String, String> content,
                            Long verificationMillis, String proofStatus, String proofId, String sealId, Instant sealedAt,
                            boolean supplementaryRequired, List<String> discrepantFields, String readdressedFrom,
                            String readdressedTo, String idScan, List<DataLink> dataLinks, List<TimelineEvent> timeline) {

    /** A canonical record linked to the proof after it arrived in the shared data. */
    public record DataLink(String kind, String recordKey, long recordVersion, Instant linkedAt) {
    }

    @Override
    public String toString() {
        return "RequestDetail[" + id + ", " + status + "]";
    }
}
