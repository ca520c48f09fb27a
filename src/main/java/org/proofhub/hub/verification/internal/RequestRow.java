package org.proofhub.hub.verification.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.verification.ItemKind;
import org.proofhub.hub.verification.RequestStatus;

/** A row of {@code verification_request}, as the state machine and the timers read it. */
record RequestRow(String id, RequestStatus status, String requestingUnit, String requestingAgent, String issuingUnit,
                  String assignedAgent, String assignedPost, String serviceItemCode, String applicationId, ItemKind itemKind,
                  Duration itemPromisedLimit, boolean dataBacked, String proofType, String dataKind, SubjectType subjectType,
                  String subjectId, String subjectName, String subjectHash, String queryLetter, Map<String, String> declared,
                  Instant receivedAt, Instant deadline, Instant firstDeadline, Instant latestDeadline, Instant returnUntil,
                  Instant openedAt, String openedBy, Instant escalatedAt, Instant escalationDueAt, Instant breachedAt,
                  Instant answeredAt, String answeredBy, String answerChannel, String answerReason, String suggestedUnit,
                  Map<String, String> content, Long verificationMillis, String proofStatus, String proofId, String sealId,
                  Instant sealedAt, boolean supplementaryRequired, List<String> discrepantFields, Instant dataLinkedAt,
                  String readdressedFrom, String readdressedTo) {

    static final String COLUMNS = """
            id, status, requesting_unit, requesting_agent, issuing_unit, assigned_agent, assigned_post, service_item_code,
            application_id, item_kind, item_promised_limit_s, data_backed, proof_type, data_kind, subject_type, subject_id,
            subject_name, subject_hash, query_letter, declared::text, received_at, deadline_at, first_deadline_at,
            latest_deadline_at, return_until, opened_at, opened_by, escalated_at, escalation_due_at, breached_at, answered_at,
            answered_by, answer_channel, answer_reason, suggested_unit, content::text, verification_ms, proof_status, proof_id,
            seal_id, sealed_at, supplementary_required, discrepant_fields, data_linked_at, readdressed_from, readdressed_to""";

    static RequestRow map(ResultSet rs, int row) throws SQLException {
        long limit = rs.getLong("item_promised_limit_s");
        Duration promised = rs.wasNull() ? null : Duration.ofSeconds(limit);
        long ms = rs.getLong("verification_ms");
        Long verificationMillis = rs.wasNull() ? null : ms;
        Array fields = rs.getArray("discrepant_fields");
        return new RequestRow(rs.getString("id"), RequestStatus.valueOf(rs.getString("status")), rs.getString("requesting_unit"),
                rs.getString("requesting_agent"), rs.getString("issuing_unit"), rs.getString("assigned_agent"),
                rs.getString("assigned_post"), rs.getString("service_item_code"), rs.getString("application_id"),
                ItemKind.valueOf(rs.getString("item_kind")), promised, rs.getBoolean("data_backed"), rs.getString("proof_type"),
                rs.getString("data_kind"), SubjectType.valueOf(rs.getString("subject_type")), rs.getString("subject_id"),
                rs.getString("subject_name"), rs.getString("subject_hash"), rs.getString("query_letter"),
                Json.stringMap(rs.getString("declared")), instant(rs, "received_at"), instant(rs, "deadline_at"),
                instant(rs, "first_deadline_at"), instant(rs, "latest_deadline_at"), instant(rs, "return_until"),
                instant(rs, "opened_at"), rs.getString("opened_by"), instant(rs, "escalated_at"),
                instant(rs, "escalation_due_at"), instant(rs, "breached_at"), instant(rs, "answered_at"),
                rs.getString("answered_by"), rs.getString("answer_channel"), rs.getString("answer_reason"),
                rs.getString("suggested_unit"), Json.stringMap(rs.getString("content")), verificationMillis,
                rs.getString("proof_status"), rs.getString("proof_id"), rs.getString("seal_id"), instant(rs, "sealed_at"),
                rs.getBoolean("supplementary_required"), fields == null ? List.of() : List.of((String[]) fields.getArray()),
                instant(rs, "data_linked_at"), rs.getString("readdressed_from"), rs.getString("readdressed_to"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    @Override
    public String toString() {
        // never the subject: rows end up in exception messages
        return "RequestRow[" + id + ", " + status + ", " + requestingUnit + " -> " + issuingUnit + "]";
    }
}
