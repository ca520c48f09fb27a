package org.proofhub.hub.catalog;

/** How a proof is obtained without the applicant (办理方式, SPEC §1; seed 000 3.8). */
public enum Method {
    /** 数据查询 / 数据共享: the hub finds the facts in the shared data and seals a proof at once. */
    DATA_QUERY,
    /** 部门核验: the issuing unit is asked through the hub and answers within the SLA. */
    DEPARTMENT_VERIFICATION,
    /** 申报承诺: the applicant declares the facts and commits to them. */
    DECLARATION_COMMITMENT,
    /** 告知承诺: the applicant is told the conditions and commits to meeting them. */
    NOTIFICATION_COMMITMENT;

    public boolean isCommitment() {
        return this == DECLARATION_COMMITMENT || this == NOTIFICATION_COMMITMENT;
    }
}
