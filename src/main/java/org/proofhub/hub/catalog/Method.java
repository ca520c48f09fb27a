package org.proofhub.hub.catalog;

/** How a proof is obtained without the applicant (办理方式, SPEC §1; seed 000 3.8). */
public enum Method {
    /** 数据查询 / 数据共享: the hub finds the facts in the shared data and seals a proof at once. */
    DATA_QUERY("数据查询", "query the shared data for the proof (POST /api/proofs/queries)"),
    /** 部门核验: the issuing unit is asked through the hub and answers within the SLA. */
    DEPARTMENT_VERIFICATION("部门核验", "send a verification request to the issuing unit (POST /api/verification/requests)"),
    /** 申报承诺: the applicant declares the facts and commits to them. */
    DECLARATION_COMMITMENT("申报承诺", "let the applicant sign the commitment (POST /api/commitments)"),
    /** 告知承诺: the applicant is told the conditions and commits to meeting them. */
    NOTIFICATION_COMMITMENT("告知承诺", "let the applicant sign the commitment (POST /api/commitments)");

    private final String label;
    private final String nextStep;

    Method(String label, String nextStep) {
        this.label = label;
        this.nextStep = nextStep;
    }

    public boolean isCommitment() {
        return this == DECLARATION_COMMITMENT || this == NOTIFICATION_COMMITMENT;
    }

    /** The Chinese name, as printed in documents. */
    public String label() {
        return label;
    }

    /** What a window agent does to obtain a proof listed with this method. */
    public String nextStep() {
        return nextStep;
    }
}
