package org.proofhub.hub.verification;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened to a request: who, when, through which channel (REST, JMS, TIMER, HUB).
 * Types: ACCEPTED, ASSIGNED, REASSIGNED, OPENED, DELAYED, CONFIRMED, REJECTED, RETURNED, READDRESSED,
 * ESCALATED, BREACHED, SEALED, AWAITING_SEAL, DISCREPANCY, DATA_LINKED.
 */
public record TimelineEvent(Instant at, String type, String actor, String actorUnit, String channel, Map<String, Object> detail) {
}
