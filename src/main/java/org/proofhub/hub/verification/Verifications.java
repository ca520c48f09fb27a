package org.proofhub.hub.verification;

import java.time.Duration;
import java.util.List;
import org.proofhub.hub.account.HubUser;

/**
 * Department verification (部门核验, SPEC §4): a requesting unit's agent asks an issuing unit through the
 * hub; the issuing unit answers in the hub (REST) or from its own system (JMS); durable deadlines escalate
 * to the supervisor and record breaches. Every method checks that {@code by} may do it and records who did.
 */
public interface Verifications {

    /** Accepts a request durably (hub database and the outbox towards Artemis) and assigns it to whoever is on duty. */
    Submitted submit(VerificationSubmission submission, HubUser by);

    /**
     * Applies an answer of the issuing unit. OPENED marks the request taken.
     *
     * @return the request's new state (subject masked)
     * @throws org.proofhub.hub.platform.HubException 409 for an answer the request's state or time no longer allows
     */
    RequestSummary answer(String requestId, Answer answer, HubUser by);

    /** Sends a returned request to another unit, usually the one the issuing unit suggested; returns the new request. */
    Submitted readdress(String requestId, String unit, HubUser by);

    /** The request with its timeline; the read of its personal data is audited. */
    RequestDetail detail(String requestId, HubUser by);

    /** The ID scan of a request, for the issuing unit; audited. */
    VerificationSubmission.IdScan idScan(String requestId, HubUser by);

    /** Requests addressed to {@code by}'s unit, newest first. */
    List<RequestSummary> inbox(HubUser by, boolean awaitingAnswerOnly, int limit);

    /**
     * Requests awaiting an answer from {@code by}'s unit, earliest deadline first (the most urgent, whatever their number):
     * at most {@code limit}.
     */
    List<RequestSummary> awaitingByDeadline(HubUser by, int limit);

    /** Requests {@code by}'s unit sent, newest first, with the state of their answers. */
    List<RequestSummary> outbox(HubUser by, int limit);

    /** Breaches: a supervisor sees the unit's, operators, auditors and admins see all. */
    List<Breach> breaches(HubUser by, String unit, int limit);

    /**
     * Pending, due soon, overdue, escalated and breached requests per issuing unit: operators, auditors and admins
     * see every unit, a unit's agents and supervisor their own. Due soon means within the instant-item limit.
     */
    List<UnitSla> sla(HubUser by);

    /**
     * The SLA state of every unit that has requests, for the hub's own metrics and alerts (no account: it names
     * no person and no subject). Counted once and shared by both until it is one gauge interval old
     * ({@code hub.verification.gauge-interval}, 10 s); {@link #sla(HubUser)} counts afresh.
     */
    List<UnitSla> slaOfAllUnits();

    /** As {@link #sla(HubUser)}, due soon meaning within {@code dueSoonWithin} of the hub's clock. */
    List<UnitSla> sla(HubUser by, Duration dueSoonWithin);

    /**
     * The request's masked summary and its timeline, without personal data (identifier-shaped text in event
     * details is masked), so the read is not audited: for the two units' agents and supervisors and for
     * operators, auditors and admins.
     */
    RequestTimeline timeline(String requestId, HubUser by);
}
