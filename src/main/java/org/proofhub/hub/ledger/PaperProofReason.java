package org.proofhub.hub.ledger;

/** Why a paper proof was accepted although the list waives it: the reason says what to fix. */
public enum PaperProofReason {
    /** 申请人主动提供: the applicant brought it anyway (001 art. 2: accept it, record it). */
    APPLICANT_CHOICE("申请人主动提供"),
    /** 申请人不愿作出承诺: declined the commitment and chose the paper proof (000 6.2.3.1.2). */
    DECLINED_COMMITMENT("申请人不愿作出承诺"),
    /** 申请人撤回承诺: withdrew the commitment and went the ordinary way. */
    WITHDRAWN_COMMITMENT("申请人撤回承诺"),
    /** 不适用告知承诺: the credit check refused the commitment. */
    NOT_ELIGIBLE("申请人不适用告知承诺"),
    /** 部门核验未能按时办结: the issuing unit did not answer in time. */
    VERIFICATION_UNAVAILABLE("部门核验未能按时办结"),
    /** 共享数据缺失: the facts were not in the shared data. */
    DATA_UNAVAILABLE("共享数据缺失"),
    /** 其他: say what in the note. */
    OTHER("其他");

    private final String label;

    PaperProofReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
