package org.proofhub.hub.commitment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What window agents send to offer, sign, decline, withdraw and decide commitments. */
public final class CommitmentRequests {
    private CommitmentRequests() {
    }

    /**
     * Offer a commitment in place of {@code proofType} for an application of {@code serviceItemCode}.
     *
     * @param declared for 申报承诺: the facts the applicant declares (label → value), printed in the commitment letter
     */
    public record Offer(String serviceItemCode, String proofType, String applicationId, Applicant applicant, Map<String, String> declared) {
    }

    /** A person who commits on the applicant's behalf (代为承诺人). */
    public record Proxy(String name, String citizenId) {
    }

    /**
     * The applicant's (or proxy's) signature of the commitment letter.
     *
     * @param signedBy        APPLICANT (default) or PROXY
     * @param authorisationId for PROXY: the recorded special authorisation
     * @param method          how it was signed: HANDWRITTEN_PAD (手写签名板), MOBILE_APP (移动端电子签名) or PAPER_SCANNED (纸质签署扫描)
     * @param evidence        base64 of the signature data (pad image, app signature, scan); its SHA-256 goes into the sealed receipt
     */
    public record Signature(String signedBy, Proxy proxy, String authorisationId, String method, String evidence) {
    }

    /**
     * A special authorisation to commit on someone's behalf (代为承诺的特别授权, 003 三(二)).
     *
     * @param scope       service item codes it covers, or "*" for every item
     * @param documentRef the authorisation document (e.g. notarised power of attorney number)
     */
    public record Authorisation(Applicant authoriser, Proxy proxy, List<String> scope, String documentRef, LocalDate validFrom,
                                LocalDate validUntil) {
    }

    /** Why (declining, withdrawing: 撤回需有合理理由). */
    public record Reason(String reason) {
    }

    /** The item was decided on the commitment; {@code decisionRef} names the decision (e.g. the licence number). */
    public record Decision(String decisionRef) {
    }

    /** A post-check's result: CONFIRMED (承诺属实) or FALSE (承诺不实), with what was found. */
    public record Finding(String result, String note) {
    }
}
