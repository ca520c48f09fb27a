package org.proofhub.hub.verification.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.platform.DataProtection;
import org.springframework.jdbc.core.RowMapper;
import org.proofhub.hub.verification.ItemKind;
import org.proofhub.hub.verification.RequestStatus;

/**
 * A row of {@code verification_request}, as the state machine and the timers read it. The subject, the query letter, what
 * the applicant declared and the confirmed facts are stored encrypted ({@code personal}, {@code content_sealed}; V26) and
 * come back decrypted here; rows written before V26 are read from their clear columns until they are sealed.
 */
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
            seal_id, sealed_at, supplementary_required, discrepant_fields, data_linked_at, readdressed_from, readdressed_to, personal,
            content_sealed""";

    /** The personal part of a request as it is sealed into {@code personal}. */
    record Personal(String subjectId, String subjectName, String queryLetter, Map<String, String> declared) {
    }

    static byte[] seal(DataProtection protection, Personal p) {
        return protection.encrypt(Json.write(p).getBytes(StandardCharsets.UTF_8));
    }

    /** Confirmed facts as they are sealed into {@code content_sealed}; null for none. */
    static byte[] sealContent(DataProtection protection, Map<String, String> content) {
        return content == null ? null : protection.encrypt(Json.write(content).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads rows with {@code protection}'s key. */
    static RowMapper<RequestRow> mapper(DataProtection protection) {
        return (rs, i) -> map(rs, protection);
    }

    private static RequestRow map(ResultSet rs, DataProtection protection) throws SQLException {
        byte[] sealed = rs.getBytes("personal");
        Personal p;
        if (sealed != null) {
            Map<String, Object> read = Json.objectMap(new String(protection.decrypt(sealed), StandardCharsets.UTF_8));
            @SuppressWarnings("unchecked")
            Map<String, String> declared = (Map<String, String>) read.get("declared");
            p = new Personal((String) read.get("subjectId"), (String) read.get("subjectName"), (String) read.get("queryLetter"), declared);
        } else {
            p = new Personal(rs.getString("subject_id"), rs.getString("subject_name"), rs.getString("query_letter"),
                    Json.stringMap(rs.getString("declared")));
        }
        byte[] sealedContent = rs.getBytes("content_sealed");
        Map<String, String> content = sealedContent != null
                ? Json.stringMap(new String(protection.decrypt(sealedContent), StandardCharsets.UTF_8)) : Json.stringMap(rs.getString("content"));
        long limit = rs.getLong("item_promised_limit_s");
        Duration promised = rs.wasNull() ? null : Duration.ofSeconds(limit);
        long ms = rs.getLong("verification_ms");
        Long verificationMillis = rs.wasNull() ? null : ms;
        Array fields = rs.getArray("discrepant_fields");
        return new RequestRow(rs.getString("id"), RequestStatus.valueOf(rs.getString("status")), rs.getString("requesting_unit"),
                rs.getString("requesting_agent"), rs.getString("issuing_unit"), rs.getString("assigned_agent"),
                rs.getString("assigned_post"), rs.getString("service_item_code"), rs.getString("application_id"),
                ItemKind.valueOf(rs.getString("item_kind")), promised, rs.getBoolean("data_backed"), rs.getString("proof_type"),
                rs.getString("data_kind"), SubjectType.valueOf(rs.getString("subject_type")), p.subjectId(),
                p.subjectName(), rs.getString("subject_hash"), p.queryLetter(),
                p.declared(), instant(rs, "received_at"), instant(rs, "deadline_at"),
                instant(rs, "first_deadline_at"), instant(rs, "latest_deadline_at"), instant(rs, "return_until"),
                instant(rs, "opened_at"), rs.getString("opened_by"), instant(rs, "escalated_at"),
                instant(rs, "escalation_due_at"), instant(rs, "breached_at"), instant(rs, "answered_at"),
                rs.getString("answered_by"), rs.getString("answer_channel"), rs.getString("answer_reason"),
                rs.getString("suggested_unit"), content, verificationMillis,
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
