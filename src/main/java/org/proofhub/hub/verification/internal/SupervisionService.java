package org.proofhub.hub.verification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.platform.Masking;
import org.proofhub.hub.verification.RequestStatus;
import org.proofhub.hub.verification.RequestSummary;
import org.proofhub.hub.verification.Supervision;
import org.proofhub.hub.verification.SupervisorAlert;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The supervisor's desk over {@code verification_alert}: reading, acknowledging (签收) and giving a request to an
 * agent on duty. What a supervisor does to a request is a timeline event (ALERT_ACKNOWLEDGED, REASSIGNED with reason
 * SUPERVISOR), audited like every event; an acknowledged post-check alert is an audit entry. A supervisor's note is kept
 * with identifier-shaped text masked.
 */
final class SupervisionService implements Supervision {
    /** Longest note a supervisor may add. */
    static final int MAX_NOTE = 500;

    private static final String ALERT_COLUMNS = """
            a.id, a.kind, a.request_id, a.post_check_id, a.unit_code, a.supervisor, a.raised_at, a.respond_by, a.acknowledged_at,
            a.acknowledged_by, a.acknowledged_note, r.status, r.assigned_agent""";
    /** Neither taken up nor closed (V25 closes an alert when its request is answered or its post-check has its finding). */
    private static final String OPEN = "a.acknowledged_at is null and a.closed_at is null and (r.id is null or r.status in ('RECEIVED', 'OPENED', 'DELAYED'))";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RequestStore requests;
    private final RosterStore rosters;
    private final AuditLog audit;
    private final Clock clock;

    SupervisionService(JdbcTemplate jdbc, TransactionTemplate tx, RequestStore requests, RosterStore rosters, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.requests = requests;
        this.rosters = rosters;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<SupervisorAlert> alerts(HubUser by, boolean openOnly, int limit) {
        boolean overseer = VerificationService.overseer(by);
        if (!overseer && !by.has(Role.SUPERVISOR)) {
            throw VerificationService.forbidden(by, "read supervisors' alerts");
        }
        String scope = overseer ? null : by.unitCode();
        return jdbc.query("select " + ALERT_COLUMNS + ", " + OPEN + " as open"
                        + " from verification_alert a left join verification_request r on r.id = a.request_id"
                        + " where (?::text is null or a.unit_code = ?)" + (openOnly ? " and " + OPEN : "")
                        + " order by a.raised_at desc, a.id desc limit ?",
                (rs, i) -> alert(rs), scope, scope, Math.max(1, Math.min(limit, 1000)));
    }

    @Override
    public SupervisorAlert acknowledge(long alertId, String note, HubUser by) {
        requireSupervisor(by, "acknowledge an alert");
        String cleanNote = note(note);
        try {
            return tx.execute(st -> acknowledgeLocked(alertId, cleanNote, by));
        } catch (OtherUnits e) {
            // recorded after the rollback, and answered like an alert that does not exist
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "ACCESS_DENIED", null, null, Map.of("resource",
                    "supervisor alert " + alertId, "attempt", "acknowledge", "by", "hub rule",
                    "reason", "another unit's alert (answered as not found)")));
            throw alertNotFound(alertId);
        }
    }

    private SupervisorAlert acknowledgeLocked(long alertId, String cleanNote, HubUser by) {
        SupervisorAlert a = lockedAlert(alertId, by);
        if (a.acknowledgedAt() != null) {
            return a;
        }
        Instant now = now();
        jdbc.update("update verification_alert set acknowledged_at = ?, acknowledged_by = ?, acknowledged_note = ? where id = ?",
                Timestamp.from(now), by.username(), cleanNote, alertId);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("alert", alertId);
        detail.put("kind", a.kind());
        if (cleanNote != null) {
            detail.put("note", cleanNote);
        }
        if (a.requestId() != null) {
            Changes c = new Changes();
            c.event(a.requestId(), now, "ALERT_ACKNOWLEDGED", Actor.of(by), detail);
            c.flush(jdbc);
        } else {
            // a post-check's or a unit's alert has no timeline: the audit trail has it
            detail.put("unit", a.unitCode());
            if (a.postCheckId() != null) {
                detail.put("postCheck", a.postCheckId());
            }
            audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "SUPERVISOR_ALERT_ACKNOWLEDGED", null, null, detail));
        }
        return alertById(alertId).orElseThrow();
    }

    @Override
    public RequestSummary assign(String requestId, String agent, String note, HubUser by) {
        requireSupervisor(by, "give a request to an agent");
        if (agent == null || agent.isBlank()) {
            throw HubException.badRequest("verification-assignee-missing", "agent is required: the account that is to answer the request");
        }
        String cleanNote = note(note);
        try {
            tx.executeWithoutResult(st -> assignLocked(requestId, agent.strip(), cleanNote, by));
        } catch (OtherUnits e) {
            throw VerificationService.refusedAsNotFound(audit, requestId, by, "assign");
        }
        return RequestStore.summary(requests.find(requestId).orElseThrow(), clock.instant());
    }

    private void assignLocked(String requestId, String agent, String cleanNote, HubUser by) {
        RequestRow r = requests.lock(requestId).orElseThrow(() -> VerificationService.notFound(requestId));
        if (!r.issuingUnit().equals(by.unitCode())) {
            if (r.requestingUnit().equals(by.unitCode())) {
                throw new HubException(HttpStatus.FORBIDDEN, "verification-not-issuing-unit", "Only the issuing unit assigns",
                        "request " + requestId + " is answered by " + r.issuingUnit() + "; your unit asked it").with("requestId", requestId);
            }
            throw new OtherUnits();
        }
        if (!r.status().awaitsAnswer()) {
            throw VerificationService.illegal(r, "assigning it", "it was answered " + r.status() + " already");
        }
        RosterStore.PostRow to = assignee(r.issuingUnit(), agent, by);
        if (to.username().equals(r.assignedAgent())) {
            return;
        }
        Instant now = now();
        List<Long> acknowledged = jdbc.queryForList("""
                update verification_alert set acknowledged_at = ?, acknowledged_by = ?, acknowledged_note = ?
                where request_id = ? and acknowledged_at is null and closed_at is null returning id""", Long.class,
                Timestamp.from(now), by.username(), "→ " + to.username() + (cleanNote == null ? "" : ": " + cleanNote), r.id());
        Changes c = new Changes();
        c.update("update verification_request set assigned_agent = ?, assigned_post = ?, updated_at = ? where id = ?",
                to.username(), to.post(), Timestamp.from(now), r.id());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("from", String.valueOf(r.assignedAgent()));
        detail.put("to", to.username());
        detail.put("post", to.post());
        detail.put("reason", "SUPERVISOR");
        if (cleanNote != null) {
            detail.put("note", cleanNote);
        }
        if (!acknowledged.isEmpty()) {
            detail.put("acknowledgedAlerts", acknowledged);
        }
        c.event(r.id(), now, "REASSIGNED", Actor.of(by), detail);
        requests.cancelDeadlines(r.id(), DeadlineKind.AB_TAKEOVER);
        c.flush(jdbc);
    }

    @Override
    public List<String> agentsOnDuty(HubUser by) {
        requireSupervisor(by, "list the agents on duty");
        return RosterStore.onDuty(rosters.posts(by.unitCode()));
    }

    /** An agent on duty in {@code unit}, or the supervisor asking. */
    private RosterStore.PostRow assignee(String unit, String agent, HubUser by) {
        List<RosterStore.PostRow> posts = rosters.posts(unit);
        List<String> onDuty = RosterStore.onDuty(posts);
        Optional<RosterStore.PostRow> post = posts.stream().filter(p -> p.username().equals(agent)).findFirst();
        if (post.isEmpty() || (!post.get().isAgent() && !agent.equals(by.username()))) {
            throw new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "verification-assignee-invalid", "Not an agent of the unit",
                    agent + " holds no agent post in " + unit + "; agents on duty: " + (onDuty.isEmpty() ? "none" : String.join(", ", onDuty)))
                    .with("agent", agent).with("onDuty", onDuty);
        }
        if (post.get().isAgent() && !post.get().held()) {
            throw new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "verification-assignee-vacant", "No longer in post",
                    agent + " no longer holds the post (" + post.get().vacancyReason() + "); choose someone on duty: "
                            + (onDuty.isEmpty() ? "nobody is (answer it yourself)" : String.join(", ", onDuty)))
                    .with("agent", agent).with("onDuty", onDuty);
        }
        if (post.get().isAgent() && !post.get().available()) {
            throw new HubException(HttpStatus.UNPROCESSABLE_ENTITY, "verification-assignee-away", "Agent is away",
                    agent + " is away on the roster; put them on duty first or choose someone on duty: "
                            + (onDuty.isEmpty() ? "nobody is (answer it yourself)" : String.join(", ", onDuty)))
                    .with("agent", agent).with("onDuty", onDuty);
        }
        return post.get();
    }

    private SupervisorAlert lockedAlert(long alertId, HubUser by) {
        List<String> unit = jdbc.queryForList("select unit_code from verification_alert where id = ? for update", String.class, alertId);
        if (unit.isEmpty()) {
            throw alertNotFound(alertId);
        }
        if (!unit.get(0).equals(by.unitCode())) {
            throw new OtherUnits();
        }
        return alertById(alertId).orElseThrow();
    }

    private static HubException alertNotFound(long alertId) {
        return HubException.notFound("verification-alert", "no alert " + alertId + " for your unit").with("alertId", alertId);
    }

    /** Another unit's alert or request, met inside a transaction: refused after its rollback, so the refusal's audit entry stays. */
    private static final class OtherUnits extends RuntimeException {
        OtherUnits() {
            super(null, null, false, false);
        }
    }

    private Optional<SupervisorAlert> alertById(long alertId) {
        return jdbc.query("select " + ALERT_COLUMNS + ", " + OPEN + " as open"
                        + " from verification_alert a left join verification_request r on r.id = a.request_id where a.id = ?",
                (rs, i) -> alert(rs), alertId).stream().findFirst();
    }

    private static SupervisorAlert alert(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        return new SupervisorAlert(rs.getLong("id"), rs.getString("kind"), rs.getString("request_id"), rs.getString("post_check_id"),
                rs.getString("unit_code"), rs.getString("supervisor"), RequestRow.instant(rs, "raised_at"), RequestRow.instant(rs, "respond_by"),
                RequestRow.instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"), rs.getString("acknowledged_note"),
                status == null ? null : RequestStatus.valueOf(status), rs.getString("assigned_agent"), rs.getBoolean("open"));
    }

    private static void requireSupervisor(HubUser by, String what) {
        if (!by.has(Role.SUPERVISOR)) {
            throw new HubException(HttpStatus.FORBIDDEN, "verification-supervisor-only", "Only the unit's supervisor",
                    "account " + by.username() + " (" + by.roles() + ") may not " + what + ": that is the unit supervisor's (督办员) task");
        }
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.length() > MAX_NOTE) {
            throw HubException.badRequest("verification-field-too-long", "note is longer than " + MAX_NOTE + " characters");
        }
        // a note is for the unit's people and the audit trail, which keep no identifier in clear
        return Masking.maskIdentifiers(note.strip());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
