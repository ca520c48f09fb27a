package org.proofhub.hub.commitment.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.commitment.Applicant;
import org.proofhub.hub.commitment.CommitmentProperties;
import org.proofhub.hub.commitment.CommitmentStatus;
import org.proofhub.hub.commitment.CommitmentView;
import org.proofhub.hub.commitment.PostCheckMode;
import org.proofhub.hub.commitment.PostCheckNoticeMessage;
import org.proofhub.hub.commitment.PostCheckNoticeType;
import org.proofhub.hub.commitment.PostCheckPolicy;
import org.proofhub.hub.commitment.PostCheckTaskMessage;
import org.proofhub.hub.commitment.PostCheckTasks;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.verification.PostCheckDeadlines;
import org.proofhub.hub.verification.VerificationAddresses;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Post-checks (事中事后核查, SPEC §5.4): on the decision the credit level decides exemption, sampling or a
 * full check with its due date; a check task goes to the responsible unit through the same queue as its verification
 * requests, {@code hub.verification.unit.<UNIT>.requests} ({@link VerificationAddresses#requests}), as a
 * {@link PostCheckTaskMessage} (Avro) with the JMS property {@code messageType = post-check}, through the outbox (in the
 * decision's transaction; its id is the message's Artemis duplicate-detection id); a due check left open is reported once
 * on that queue ({@link PostCheckNoticeMessage} OVERDUE, then BREACHED, {@code messageType = post-check-notice}).
 * Findings come back over the API or as JSON on {@link #FINDINGS}. A check that finds the commitment false records the
 * false commitment, sends it to the credit department's queue and revokes the decision with an event on
 * {@code hub.commitment.events}, all in one transaction.
 * <p>
 * The due dates are timers of the verification timer engine ({@link PostCheckDeadlines}), fired once whatever the
 * number of hub instances: at the due date a check without a finding is reported overdue to its unit and escalated
 * to the unit's supervisor (the supervisors' inbox), who has {@code hub.commitment.post-check-supervisor-window};
 * still without a finding then, it is breached.
 */
public final class PostChecks implements PostCheckDeadlines, PostCheckTasks {
    public static final String EVENTS = "hub.commitment.events";
    /** Where departments' systems send their findings (JSON, see {@link FindingReceiver}). */
    public static final String FINDINGS = "hub.commitment.findings";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostCheckPolicy policy;
    private final CommitmentProperties properties;
    private final Accounts accounts;
    private final DataProtection protection;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    PostChecks(PostCheckPolicy policy, CommitmentProperties properties, Accounts accounts, DataProtection protection, AuditLog audit,
               JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.policy = policy;
        this.properties = properties;
        this.accounts = accounts;
        this.protection = protection;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** The queue of {@code unit}'s post-check tasks: its verification request queue. */
    public static String checksAddress(String unit) {
        return VerificationAddresses.requests(unit);
    }

    /** The credit department's queue for false commitments. */
    public static String creditEntriesAddress(String creditUnit) {
        return "dept." + creditUnit + ".credit-entries";
    }

    /** Opens the post-check of a commitment just decided, in the caller's transaction. */
    void open(CommitmentService.Row row, Applicant applicant, String level, Instant decidedAt) {
        String id = CommitmentService.newId("PC", decidedAt);
        PostCheckPolicy.Decision d = policy.decide(level, row.id(), decidedAt);
        String status = d.selected() ? "PENDING" : d.mode() == PostCheckMode.EXEMPT ? "EXEMPT" : "NOT_SAMPLED";
        jdbc.update("""
                insert into post_check (id, commitment_id, unit_code, credit_level, mode, sample_value, status, created_at, due_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, row.id(), row.responsibleUnit(), level, d.mode().name(), d.sample(), status, Timestamp.from(decidedAt),
                d.dueAt() == null ? null : Timestamp.from(d.dueAt()));
        if (!d.selected()) {
            return;
        }
        PostCheckDeadlines.schedule(jdbc, id, d.dueAt());
        String messageId = "post-check-" + id;
        PostCheckTaskMessage task = PostCheckTaskMessage.newBuilder()
                .setMessageId(messageId)
                .setCheckId(id)
                .setCommitmentId(row.id())
                .setSentAt(clock.instant())
                .setResponsibleUnit(row.responsibleUnit())
                .setServiceItemCode(row.itemCode())
                .setServiceItemName(row.itemName())
                .setProofType(row.proofType())
                .setProofTitle(row.proofTitle())
                .setMethod(row.method().name())
                .setApplicationId(row.applicationId())
                .setDecisionRef(jdbc.queryForObject("select decision_ref from commitment where id = ?", String.class, row.id()))
                // the checking unit must know whom it checks: the applicant travels to that unit only
                .setApplicantType(SubjectType.valueOf(applicant.subjectType()))
                .setApplicantId(applicant.id())
                .setApplicantName(applicant.name())
                .setCreditLevel(level)
                .setMode(d.mode().name())
                .setDueAt(d.dueAt())
                .setCommitmentLetter("/api/commitments/" + row.id() + "/letters/commitment")
                .setFinding("/api/post-checks/" + id + "/finding")
                .setFindingsQueue(FINDINGS)
                .build();
        toUnit(jdbc, row.responsibleUnit(), VerificationAddresses.POST_CHECK, encode(PostCheckTaskMessage.getEncoder(), task), id, messageId);
    }

    public Optional<CommitmentView.PostCheck> of(String commitmentId) {
        return jdbc.query("select " + COLUMNS + " from post_check where commitment_id = ?", PostChecks::view, commitmentId).stream().findFirst();
    }

    /** A unit's post-checks, due first. */
    @Override
    public List<CommitmentView.PostCheck> forUnit(String unit, String status) {
        return jdbc.query("select " + COLUMNS + " from post_check where unit_code = ? and (?::text is null or status = ?) "
                + "order by due_at nulls last, created_at limit 500", PostChecks::view, unit, status, status);
    }

    /**
     * Records what the check found. FALSE (承诺不实): the false commitment is recorded, sent to the credit
     * department, the commitment is revoked and the revocation announced — together or not at all. A check
     * of an exempt or unsampled commitment can find it false too (daily supervision, 000 6.2.4.2.2).
     */
    @Override
    public CommitmentView.PostCheck finding(String checkId, String result, String note, HubUser by) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        tx.executeWithoutResult(s -> applyFinding(checkId, result, note, by, now));
        return jdbc.query("select " + COLUMNS + " from post_check where id = ?", PostChecks::view, checkId).get(0);
    }

    /**
     * Records a finding inside the caller's transaction (the REST call's, or the JMS receiver's, which records the message
     * in the same one); throws a {@link HubException} the caller can show or record when the finding cannot be taken.
     */
    void applyFinding(String checkId, String result, String note, HubUser by, Instant now) {
        if (!"CONFIRMED".equals(result) && !"FALSE".equals(result)) {
            throw HubException.badRequest("post-check-result", "result is CONFIRMED (承诺属实) or FALSE (承诺不实), not " + result);
        }
        if (note == null || note.isBlank()) {
            throw HubException.badRequest("post-check-note", "say what the check found (核查情况)");
        }
        List<String[]> found = jdbc.query("select unit_code, status, commitment_id from post_check where id = ? for update",
                (rs, i) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}, checkId);
        if (found.isEmpty()) {
            throw HubException.notFound("post-check", "there is no post-check " + checkId);
        }
        String unit = found.get(0)[0];
        if (!unit.equals(by.unitCode()) && !by.has(Role.ADMIN)) {
            throw new HubException(HttpStatus.FORBIDDEN, "post-check-other-unit", "Not your unit's check",
                    "post-check " + checkId + " belongs to " + unit + "; only its agents and supervisor record the finding");
        }
        String status = found.get(0)[1];
        if ("CONFIRMED".equals(status) || "FOUND_FALSE".equals(status)) {
            throw HubException.conflict("post-check-done", "post-check " + checkId + " already has its finding (" + status + ")");
        }
        String commitmentId = found.get(0)[2];
        jdbc.update("update post_check set status = ?, found_at = ?, found_by = ?, finding = ? where id = ?",
                "FALSE".equals(result) ? "FOUND_FALSE" : "CONFIRMED", Timestamp.from(now), by.username(), note, checkId);
        CommitmentService.Row row = CommitmentService.find(jdbc, commitmentId).orElseThrow();
        Applicant applicant = CommitmentService.stored(protection, row).applicant();
        String subjectHash = protection.keyedHash(applicant.id());
        if ("FALSE".equals(result)) {
            if (row.status() != CommitmentStatus.DECIDED) {
                throw HubException.conflict("commitment-state", "commitment " + commitmentId + " is " + row.status() + ": only a decided one is revoked");
            }
            falseCommitment(checkId, row, applicant, subjectHash, note, by, now);
        }
        Map<String, Object> detail = new TreeMap<>(Map.of("postCheck", checkId, "commitment", commitmentId, "result", result));
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "POST_CHECK_FINDING", subjectHash, "事中事后核查", detail));
    }

    private void falseCommitment(String checkId, CommitmentService.Row row, Applicant applicant, String subjectHash, String note, HubUser by,
                                 Instant now) {
        String entryId = CommitmentService.newId("FC", now);
        LocalDate today = BeijingTime.date(now);
        String unitName = accounts.unitName(row.responsibleUnit());
        String description = "在办理" + row.itemName() + "（申请编号" + row.applicationId() + "）时以" + row.method().label() + "方式替代的"
                + row.proofTitle() + "经核查不实：" + note;
        jdbc.update("""
                insert into false_commitment (id, commitment_id, post_check_id, subject_type, subject_hash, service_item_code, proof_type, unit_code,
                    found_on, found_at, found_by, description) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                entryId, row.id(), checkId, applicant.subjectType(), subjectHash, row.itemCode(), row.proofType(), row.responsibleUnit(), today,
                Timestamp.from(now), by.username(), description);
        // in the credit centre's own words (xy_sxjl): SX02 虚假承诺, severity 2 较重 — the department decides on more
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", "false-commitment");
        entry.put("entryId", entryId);
        entry.put("category", "FALSE_COMMITMENT");
        entry.put("sxlb", "SX02");
        entry.put("severity", "MAJOR");
        entry.put("yzcd", "2");
        entry.put("subjectType", applicant.subjectType());
        entry.put("ztlx", applicant.isOrganisation() ? "2" : "1");
        entry.put("subjectId", applicant.id());
        entry.put("subjectName", applicant.name());
        entry.put("decidingAuthority", unitName);
        entry.put("decisionDate", today.toString());
        entry.put("description", description);
        entry.put("commitmentId", row.id());
        entry.put("serviceItemCode", row.itemCode());
        outbox(creditEntriesAddress(properties.creditUnit()), false, entry, Map.of("type", "false-commitment", "entryId", entryId,
                "changeId", "false-commitment-" + entryId));

        jdbc.update("update commitment set status = 'REVOKED', revoked_at = ?, reason = ?, updated_at = ? where id = ? and status = 'DECIDED'",
                Timestamp.from(now), "经核查承诺不实：" + note, Timestamp.from(now), row.id());
        CommitmentService.event(jdbc, row.id(), now, by.username(), CommitmentStatus.DECIDED, CommitmentStatus.REVOKED,
                "核查发现承诺不实，撤销决定（失信记录 " + entryId + "）");
        // the event names no person: subscribers act on the item and application
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "decision-revoked");
        event.put("commitmentId", row.id());
        event.put("serviceItemCode", row.itemCode());
        event.put("applicationId", row.applicationId());
        event.put("responsibleUnit", row.responsibleUnit());
        event.put("decisionRef", jdbc.queryForObject("select decision_ref from commitment where id = ?", String.class, row.id()));
        event.put("postCheckId", checkId);
        event.put("falseCommitmentId", entryId);
        event.put("revokedAt", now.toString());
        event.put("reason", "经核查承诺不实");
        outbox(EVENTS, true, event, Map.of("type", "decision-revoked", "commitmentId", row.id(), "unit", row.responsibleUnit(),
                "changeId", "decision-revoked-" + row.id()));
    }

    /**
     * The due date of an open check passed without a finding (000 8.1 f: 未按规定对告知承诺进行核查): it is marked overdue
     * and escalated to the unit's supervisor, who has {@code hub.commitment.post-check-supervisor-window}; the unit hears it
     * on its queue. Called by the verification timer engine, in its transaction, once per check however many hubs run.
     */
    @Override
    public Escalated due(JdbcTemplate engine, String checkId, UnaryOperator<String> supervisorOf, Instant now) {
        List<Object[]> found = engine.query("""
                select unit_code, status, commitment_id, due_at, escalated_at from post_check where id = ? for update""",
                (rs, i) -> new Object[]{rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5)}, checkId);
        if (found.isEmpty() || !"PENDING".equals(found.get(0)[1]) || found.get(0)[4] != null) {
            return null;
        }
        String unit = (String) found.get(0)[0];
        String commitmentId = (String) found.get(0)[2];
        Instant dueAt = (Instant) found.get(0)[3];
        String supervisor = supervisorOf.apply(unit);
        Instant respondBy = now.plus(properties.postCheckSupervisorWindow());
        engine.update("update post_check set overdue_at = coalesce(overdue_at, ?), escalated_at = ?, supervisor = ?, respond_by = ? where id = ?",
                Timestamp.from(now), Timestamp.from(now), supervisor, Timestamp.from(respondBy), checkId);
        String noticeId = "post-check-overdue-" + checkId;
        PostCheckNoticeMessage notice = PostCheckNoticeMessage.newBuilder().setNoticeId(noticeId).setType(PostCheckNoticeType.OVERDUE)
                .setCheckId(checkId).setCommitmentId(commitmentId).setResponsibleUnit(unit).setAt(now).setDueAt(dueAt).setSupervisor(supervisor)
                .setRespondBy(respondBy).build();
        toUnit(engine, unit, VerificationAddresses.POST_CHECK_NOTICE, encode(PostCheckNoticeMessage.getEncoder(), notice), checkId, noticeId);
        Map<String, Object> detail = new TreeMap<>(Map.of("postCheck", checkId, "commitment", commitmentId, "dueAt", String.valueOf(dueAt),
                "respondBy", respondBy.toString()));
        detail.put("supervisor", supervisor);
        engine.update("insert into audit_pending (" + AuditLog.PENDING_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)", audit.pending(
                new AuditLog.Entry("hub", unit, "POST_CHECK_OVERDUE", null, "未按规定对告知承诺进行核查（000 8.1 f）", detail)).values());
        return new Escalated(unit, supervisor, respondBy);
    }

    /**
     * The supervisor's window of an escalated check ended and it still has no finding: the breach is recorded on the check
     * (unit, supervisor, due, escalated and breached times) and the unit hears it.
     */
    @Override
    public Breached windowOver(JdbcTemplate engine, String checkId, Instant now) {
        List<Object[]> found = engine.query("""
                select unit_code, status, commitment_id, escalated_at, breached_at, supervisor, due_at from post_check where id = ? for update""",
                (rs, i) -> new Object[]{rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5), rs.getString(6),
                        instant(rs, 7)}, checkId);
        if (found.isEmpty() || !"PENDING".equals(found.get(0)[1]) || found.get(0)[3] == null || found.get(0)[4] != null) {
            return null;
        }
        String unit = (String) found.get(0)[0];
        String commitmentId = (String) found.get(0)[2];
        String supervisor = (String) found.get(0)[5];
        engine.update("update post_check set breached_at = ? where id = ?", Timestamp.from(now), checkId);
        String noticeId = "post-check-breached-" + checkId;
        PostCheckNoticeMessage notice = PostCheckNoticeMessage.newBuilder().setNoticeId(noticeId).setType(PostCheckNoticeType.BREACHED)
                .setCheckId(checkId).setCommitmentId(commitmentId).setResponsibleUnit(unit).setAt(now).setDueAt((Instant) found.get(0)[6])
                .setSupervisor(supervisor).setEscalatedAt((Instant) found.get(0)[3]).build();
        toUnit(engine, unit, VerificationAddresses.POST_CHECK_NOTICE, encode(PostCheckNoticeMessage.getEncoder(), notice), checkId, noticeId);
        Map<String, Object> detail = new TreeMap<>(Map.of("postCheck", checkId, "commitment", commitmentId, "escalatedAt",
                String.valueOf(found.get(0)[3])));
        detail.put("supervisor", supervisor);
        engine.update("insert into audit_pending (" + AuditLog.PENDING_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)", audit.pending(
                new AuditLog.Entry("hub", unit, "POST_CHECK_BREACHED", null, "督办期满仍未核查（000 8.1 f）", detail)).values());
        return new Breached(unit, supervisor);
    }

    private static final String COLUMNS = """
            id, unit_code, credit_level, mode, sample_value, status, due_at, overdue_at, found_at, found_by, finding, supervisor, escalated_at,
            respond_by, breached_at, commitment_id""";

    private static CommitmentView.PostCheck view(ResultSet rs, int i) throws SQLException {
        return new CommitmentView.PostCheck(rs.getString(1), rs.getString(2), rs.getString(3), PostCheckMode.valueOf(rs.getString(4)),
                (Double) rs.getObject(5), rs.getString(6), instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getString(10), rs.getString(11),
                rs.getString(12), instant(rs, 13), instant(rs, 14), instant(rs, 15), rs.getString(16));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private void outbox(String address, boolean multicast, Map<String, Object> body, Map<String, String> properties) {
        outbox(jdbc, address, multicast, body, properties);
    }

    private static void outbox(JdbcTemplate jdbc, String address, boolean multicast, Map<String, Object> body, Map<String, String> properties) {
        jdbc.update("insert into outbox (address, multicast, body, properties) values (?, ?, ?, ?::jsonb)", address, multicast,
                json(body).getBytes(StandardCharsets.UTF_8), json(properties));
    }


    /**
     * An Avro message for {@code unit}'s verification request queue, through the outbox (its relay sends the JMS properties as
     * string properties and {@code changeId} as the Artemis duplicate-detection id).
     */
    private static void toUnit(JdbcTemplate jdbc, String unit, String messageType, byte[] body, String checkId, String messageId) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(VerificationAddresses.MESSAGE_TYPE, messageType);
        properties.put("unit", VerificationAddresses.checked(unit));
        properties.put("checkId", checkId);
        properties.put("changeId", messageId);
        jdbc.update("insert into outbox (address, multicast, body, properties) values (?, false, ?, ?::jsonb)", checksAddress(unit), body,
                json(properties));
    }

    private static <T> byte[] encode(org.apache.avro.message.BinaryMessageEncoder<T> encoder, T message) {
        try {
            java.nio.ByteBuffer buf = encoder.encode(message);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Avro encoding of a " + message.getClass().getSimpleName() + " failed", e);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + o.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
