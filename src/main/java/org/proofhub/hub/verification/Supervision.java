package org.proofhub.hub.verification;

import java.util.List;
import org.proofhub.hub.account.HubUser;

/**
 * The supervisor's desk (督办, SPEC §4.4; {@code 001} art. 10: "代办员在超时未办理时，督办员要在半小时之内督办完成反馈"):
 * the unit's alerts, taking one up, and handing a request that is overdue (or was given to the supervisor because
 * nobody was on duty) to an agent on duty. Operators, auditors and admins read every unit's alerts; only the unit's
 * supervisor acts on them. Every action is on the request's timeline or, for a post-check, in the audit trail.
 */
public interface Supervision {

    /**
     * Alerts of {@code by}'s unit (every unit for operators, auditors and admins), newest first.
     *
     * @param openOnly only those that still need the supervisor (see {@link SupervisorAlert#open()})
     */
    List<SupervisorAlert> alerts(HubUser by, boolean openOnly, int limit);

    /**
     * The supervisor takes the alert up (签收), with an optional note. Acknowledging again changes nothing and answers
     * the alert as it is.
     *
     * @throws org.proofhub.hub.platform.HubException 403 for anyone but a supervisor, 404 for another unit's alert
     */
    SupervisorAlert acknowledge(long alertId, String note, HubUser by);

    /**
     * The supervisor gives an unanswered request of the unit to {@code agent} (an agent on duty, or the supervisor
     * themself), with an optional note: the request's open alerts count as acknowledged, and the AB take-over timer
     * no longer moves it, for the supervisor chose who answers. The deadline and the escalation's window do not move.
     *
     * @throws org.proofhub.hub.platform.HubException 409 for an answered request, 422 for someone who holds no agent
     *                                                post in the unit or is away
     */
    RequestSummary assign(String requestId, String agent, String note, HubUser by);

    /** Who a supervisor can give a request to: the unit's agents on duty. */
    List<String> agentsOnDuty(HubUser by);
}
