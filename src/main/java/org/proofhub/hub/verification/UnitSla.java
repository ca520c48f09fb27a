package org.proofhub.hub.verification;

/**
 * SLA state of one issuing unit at a glance (SPEC §7.1).
 *
 * @param awaiting      requests still owed an answer
 * @param dueSoon       of those, due within the window asked for (the REST API: {@code hub.verification.instant-item-limit})
 * @param overdue       past the deadline, supervisor not yet alerted (a timer is about to fire)
 * @param escalated     with the supervisor, not yet a breach
 * @param breachedOpen  breached and still unanswered
 * @param breachesTotal every breach the unit has on record
 * @param alertsOpen    alerts for the unit's supervisor neither taken up nor closed (escalations, breaches, nobody on duty);
 *                      a change reloads the supervisor's desk
 */
public record UnitSla(String unit, long awaiting, long dueSoon, long overdue, long escalated, long breachedOpen, long breachesTotal,
                      long alertsOpen) {
}
