package org.proofhub.hub.commitment;

import java.util.List;

/**
 * Whether the applicant may replace a proof by a commitment, checked against the credit source
 * (SPEC §5.3; 000 6.2.3.4.3; 003 三(二)).
 *
 * @param creditLevel the applicant's credit level (A–D) or UNRATED; it also decides the post-check
 * @param reasons     why not, each in Chinese (to read to the applicant) and English; empty when eligible
 */
public record Eligibility(boolean eligible, String creditLevel, List<Reason> reasons) {

    /** One reason for refusing, readable to the applicant. */
    public record Reason(String code, String zh, String en) {
    }
}
