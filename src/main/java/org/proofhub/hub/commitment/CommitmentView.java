package org.proofhub.hub.commitment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.catalog.Method;

/**
 * A commitment as the API shows it: what it replaces, where it stands, its post-check and timeline. The
 * applicant appears only masked; the letters are separate resources ({@code links}).
 *
 * @param alternatives after a decline: how the proof can be obtained instead
 * @param letters      on offer and signature: the letters' structured data
 */
public record CommitmentView(String id, CommitmentStatus status, String serviceItemCode, String serviceItemName, String proofType,
                             String proofTitle, Method method, String responsibleUnit, String issuingUnit, String listVersion,
                             String applicationId, String subjectType, String applicantMasked, String creditLevel, Instant offeredAt,
                             String offeredBy, String offeredUnit, Instant signedAt, String signedBy, String authorisationId, Instant declinedAt,
                             Instant withdrawnAt, Instant decidedAt, String decisionRef, Instant revokedAt, String reason,
                             PostCheck postCheck, List<Event> timeline, List<Alternative> alternatives, Map<String, JsonNode> letters,
                             Map<String, String> links) {

    /** One change of state. */
    public record Event(Instant at, String actor, CommitmentStatus from, CommitmentStatus to, String note) {
    }

    /** Another way to the proof, offered when the applicant declines (000 6.2.3.1.2). */
    public record Alternative(String method, String label, String unit, String how) {
    }

    /**
     * The post-check the credit level decided.
     *
     * @param sample      the commitment's deterministic sampling number, for SAMPLE
     * @param supervisor  the unit's supervisor it was escalated to when it fell due without a finding
     * @param respondBy   the end of the supervisor's window
     * @param breachedAt  when the window ended without a finding
     * @param commitmentId the commitment it checks
     */
    public record PostCheck(String id, String unit, String creditLevel, PostCheckMode mode, Double sample, String status, Instant dueAt,
                            Instant overdueAt, Instant foundAt, String foundBy, String finding, String supervisor, Instant escalatedAt,
                            Instant respondBy, Instant breachedAt, String commitmentId) {
    }

    public CommitmentView with(List<Alternative> alternatives, Map<String, JsonNode> letters) {
        return new CommitmentView(id, status, serviceItemCode, serviceItemName, proofType, proofTitle, method, responsibleUnit, issuingUnit,
                listVersion, applicationId, subjectType, applicantMasked, creditLevel, offeredAt, offeredBy, offeredUnit, signedAt, signedBy,
                authorisationId, declinedAt, withdrawnAt, decidedAt, decisionRef, revokedAt, reason, postCheck, timeline, alternatives,
                letters, links);
    }
}
