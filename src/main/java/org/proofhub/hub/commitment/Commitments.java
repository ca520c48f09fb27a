package org.proofhub.hub.commitment;

import org.proofhub.hub.account.HubUser;

/**
 * Commitments at the window (告知承诺, SPEC §5): eligibility against the credit source, the offer with its letters, the
 * applicant's signature, decline, withdrawal and the decision that opens the post-check. What the REST API and the
 * console call; each method checks the list and the applicant and records who did what.
 */
public interface Commitments {

    /** May this applicant commit? The reasons are what the agent reads to the applicant. */
    Eligibility eligibility(Applicant applicant, HubUser by);

    /**
     * Offers a commitment in place of a proof: the sealed notification letter and the commitment letter to sign.
     *
     * @throws org.proofhub.hub.platform.HubException 409 when the list says another method; 422 {@code commitment-not-eligible}
     *                                                with {@code reasons} when the applicant may not commit
     */
    CommitmentView offer(CommitmentRequests.Offer offer, HubUser by);

    /**
     * Records the signed commitment letter, sealed by the hub as receipt. This and {@link #decline}, {@link #withdraw} and
     * {@link #decide} are for the unit that offered the commitment and the unit responsible for the item (403 {@code other-unit}).
     */
    CommitmentView sign(String id, CommitmentRequests.Signature signature, HubUser by);

    /** The applicant does not commit; the view lists the alternatives. */
    CommitmentView decline(String id, String reason, HubUser by);

    /** Takes the commitment back before the item is decided, with the applicant's reason. */
    CommitmentView withdraw(String id, String reason, HubUser by);

    /** The item was decided on the signed commitment; the credit level decides the post-check. */
    CommitmentView decide(String id, String decisionRef, HubUser by);

    /**
     * A commitment with its post-check and timeline, the applicant masked; for the units it concerns (offering, responsible,
     * issuing), auditors and admins.
     *
     * @throws org.proofhub.hub.platform.HubException 403 {@code other-unit} for anyone else
     */
    CommitmentView view(String id, HubUser by);

    /** A letter ({@code notification} or {@code commitment}): its structured data, the hub's CMS and the PDF; the read is audited. */
    LetterFiles letter(String id, String which, HubUser by, String purpose);

    /**
     * Records a special authorisation to commit on someone's behalf (代为承诺的特别授权, 003 三(二)): authoriser, proxy,
     * the items it covers and the authorisation document.
     */
    Authorisation authorise(CommitmentRequests.Authorisation authorisation, HubUser by);

    /** A recorded special authorisation; its {@code id} is what a proxy's signature names. */
    record Authorisation(String id, java.util.List<String> scope, String documentRef, java.time.LocalDate validFrom,
                         java.time.LocalDate validUntil, java.time.Instant recordedAt, String recordedBy) {
    }

    /** A letter's files: the structured data as sealed, the hub's detached CMS (null while unsigned) and the PDF. */
    record LetterFiles(byte[] content, byte[] cms, byte[] pdf) {
    }
}
