package org.proofhub.hub.verification.internal;

/** What a row of {@code verification_deadline} does when it falls due. */
enum DeadlineKind {
    /** The assigned agent has not opened the request: the AB backup takes it. */
    AB_TAKEOVER,
    /** The answer is due: alert the supervisor, who has half an hour. */
    DEADLINE,
    /** The supervisor's half hour is over: record a breach if still unanswered. */
    ESCALATION,
    /** A confirmed answer waits to be sealed into an e-proof. */
    SEAL
}
