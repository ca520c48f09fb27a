package org.proofhub.hub.verification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.UnaryOperator;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Post-checks of commitments (事中事后核查, SPEC §5.4) on the verification timer engine (SPEC §4.3–4.5): a post-check's
 * due date lives in {@code verification_deadline} beside the requests' deadlines and fires the same way — claimed
 * with {@code FOR UPDATE SKIP LOCKED} by whichever hub instance comes first, once, in one transaction with what it
 * causes, late ones within seconds of a restart. Due without a finding, the check goes to its unit's supervisor
 * (the supervisors' inbox) for the post-check supervisor window; still without a finding then, it is breached.
 * <p>
 * The commitment capability keeps the post-checks and implements this; the engine keeps the timers, knows the
 * supervisors and writes the inbox.
 */
public interface PostCheckDeadlines {

    /** An open post-check just escalated: its unit, the supervisor alerted (null when the unit has none) and the window's end. */
    record Escalated(String unitCode, String supervisor, Instant respondBy) {
    }

    /** An escalated post-check still without a finding at the end of the window, now breached. */
    record Breached(String unitCode, String supervisor) {
    }

    /**
     * The post-check {@code checkId} fell due: when it still has no finding and was not escalated before, marks it overdue
     * and escalated to {@code supervisorOf.apply(unit)} and tells its unit. Runs in the engine's transaction through
     * {@code jdbc}; returns null when nothing is left to time.
     */
    Escalated due(JdbcTemplate jdbc, String checkId, UnaryOperator<String> supervisorOf, Instant now);

    /** The supervisor's window of {@code checkId} is over: breaches it when it still has no finding; null otherwise. */
    Breached windowOver(JdbcTemplate jdbc, String checkId, Instant now);

    /** Puts the due date of a post-check opened in the caller's transaction on the engine. */
    static void schedule(JdbcTemplate jdbc, String checkId, Instant due) {
        jdbc.update("insert into verification_deadline (request_id, kind, due_at) values (?, 'POST_CHECK', ?)", checkId, Timestamp.from(due));
    }
}
