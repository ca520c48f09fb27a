package org.proofhub.hub.verification;

import java.time.Instant;

/**
 * A request the hub has accepted: stored in the hub database with its deadlines and its message to the
 * issuing unit before this is returned.
 *
 * @param dispatch SENT when the message was already in Artemis when the call returned, QUEUED when the
 *                 outbox relay delivers it (the broker was busy or away); either way it is durable
 */
public record Submitted(String requestId, RequestStatus status, String issuingUnit, String assignedAgent, Instant receivedAt,
                        Instant deadline, Instant returnUntil, Dispatch dispatch) {

    /** How far the request's message had travelled when the call returned. */
    public enum Dispatch { SENT, QUEUED }
}
