package org.proofhub.hub.verification.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one transaction writes besides the request rows themselves: timeline events, outbox messages, new
 * deadlines, supervisors' alerts and breaches. Collected first and written in batches, so that firing five
 * hundred deadlines costs a handful of round trips.
 */
final class Changes {
    private final Map<String, List<Object[]>> updates = new LinkedHashMap<>();
    private final List<Object[]> events = new ArrayList<>();
    private final List<Object[]> outbox = new ArrayList<>();
    private final List<Object[]> deadlines = new ArrayList<>();
    private final List<Object[]> alerts = new ArrayList<>();
    private final List<Object[]> breaches = new ArrayList<>();
    private Instant earliestDeadline;

    /** A statement on existing rows (a request's new state); the same SQL from many firings goes in one batch. */
    void update(String sql, Object... args) {
        updates.computeIfAbsent(sql, k -> new ArrayList<>()).add(args);
    }

    void event(String requestId, Instant at, String type, Actor actor, Map<String, Object> detail) {
        events.add(new Object[]{requestId, Timestamp.from(at), type, actor.name(), actor.unit(), actor.channel().name(),
                Json.write(detail == null ? Map.of() : detail)});
    }

    void outbox(OutboxMessage m) {
        outbox.add(new Object[]{m.address(), m.body(), Json.write(m.properties())});
    }

    void deadline(String requestId, DeadlineKind kind, Instant due) {
        deadlines.add(new Object[]{requestId, kind.name(), Timestamp.from(due)});
        if (earliestDeadline == null || due.isBefore(earliestDeadline)) {
            earliestDeadline = due;
        }
    }

    void alert(String requestId, String unit, String supervisor, String kind, Instant raisedAt, Instant respondBy) {
        alerts.add(new Object[]{requestId, null, unit, supervisor, kind, Timestamp.from(raisedAt), respondBy == null ? null : Timestamp.from(respondBy)});
    }

    /** A supervisor's alert about a post-check (its id in {@code post_check_id}, no request). */
    void postCheckAlert(String checkId, String unit, String supervisor, String kind, Instant raisedAt, Instant respondBy) {
        alerts.add(new Object[]{null, checkId, unit, supervisor, kind, Timestamp.from(raisedAt), respondBy == null ? null : Timestamp.from(respondBy)});
    }

    void breach(RequestRow r, String supervisor, Instant breachedAt) {
        breaches.add(new Object[]{r.id(), r.issuingUnit(), r.assignedAgent(), supervisor, Timestamp.from(r.receivedAt()),
                Timestamp.from(r.deadline()), Timestamp.from(r.escalatedAt()), Timestamp.from(breachedAt)});
    }

    /** The earliest deadline added, to wake the scheduler early; null if none. */
    Instant earliestDeadline() {
        return earliestDeadline;
    }

    void flush(JdbcTemplate jdbc) {
        updates.forEach((sql, rows) -> batch(jdbc, sql, rows));
        updates.clear();
        batch(jdbc, "insert into verification_event (request_id, at, type, actor, actor_unit, channel, detail) values (?, ?, ?, ?, ?, ?, ?::jsonb)", events);
        batch(jdbc, "insert into outbox (address, multicast, body, properties) values (?, false, ?, ?::jsonb)", outbox);
        batch(jdbc, "insert into verification_deadline (request_id, kind, due_at) values (?, ?, ?)", deadlines);
        batch(jdbc, "insert into verification_alert (request_id, post_check_id, unit_code, supervisor, kind, raised_at, respond_by)"
                + " values (?, ?, ?, ?, ?, ?, ?)", alerts);
        batch(jdbc, """
                insert into verification_breach (request_id, issuing_unit, assigned_agent, supervisor, received_at, deadline_at,
                    escalated_at, breached_at) values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (request_id) do nothing""", breaches);
    }

    private static void batch(JdbcTemplate jdbc, String sql, List<Object[]> rows) {
        if (rows.size() == 1) {
            jdbc.update(sql, rows.get(0));
        } else if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
        rows.clear();
    }
}
