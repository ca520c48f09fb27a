package org.proofhub.hub.commitment;

/**
 * Where a commitment stands. OFFERED → SIGNED → DECIDED, and REVOKED when a post-check finds it false;
 * from OFFERED the applicant may decline; before the decision they may withdraw (003 三(六)).
 */
public enum CommitmentStatus {
    /** The letters are made and handed over; the applicant has not signed. */
    OFFERED,
    /** The applicant (or an authorised proxy) signed; the hub stored and sealed the signed letter. */
    SIGNED,
    /** The applicant chose department verification or a paper proof instead. */
    DECLINED,
    /** The applicant took the commitment back before the decision; the item proceeds the ordinary way. */
    WITHDRAWN,
    /** The item was decided on the commitment; the post-check policy applies. */
    DECIDED,
    /** A post-check found the commitment false: the decision is revoked. */
    REVOKED
}
