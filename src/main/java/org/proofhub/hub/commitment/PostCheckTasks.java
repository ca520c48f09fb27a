package org.proofhub.hub.commitment;

import java.util.List;
import org.proofhub.hub.account.HubUser;

/**
 * The post-checks of commitments (事中事后核查, SPEC §5.4) as the responsible unit works them: its checks, due first, and
 * the finding. What the REST API and the console call.
 */
public interface PostCheckTasks {

    /** The unit's post-checks, due first; {@code status} (PENDING, EXEMPT, NOT_SAMPLED, CONFIRMED, FOUND_FALSE) or all. */
    List<CommitmentView.PostCheck> forUnit(String unit, String status);

    /**
     * Records a check's finding: CONFIRMED (承诺属实) or FALSE (承诺不实: a false-commitment entry, a message to the credit
     * department and the decision revoked, together or not at all).
     *
     * @throws org.proofhub.hub.platform.HubException for another unit's check, one with a finding already, or an unknown result
     */
    CommitmentView.PostCheck finding(String checkId, String result, String note, HubUser by);
}
