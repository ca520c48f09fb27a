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
    SEAL,
    /** A post-check of a commitment is due ({@code request_id} is the post-check's id): escalate it if it has no finding. */
    POST_CHECK,
    /** The supervisor's window of an escalated post-check is over: breach it if it still has no finding. */
    POST_CHECK_ESCALATION;

    /** Whether {@code request_id} names a verification request (else a post-check). */
    boolean ofRequest() {
        return this != POST_CHECK && this != POST_CHECK_ESCALATION;
    }
}
