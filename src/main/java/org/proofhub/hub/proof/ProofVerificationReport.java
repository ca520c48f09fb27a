package org.proofhub.hub.proof;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.proofhub.hub.platform.LocalisedReason;

/**
 * The answer to "is this e-proof genuine and usable here?": an overall verdict and every check with
 * its reason, in words for the person at the window. The same report comes from the online endpoint
 * and the offline {@code verify} command (which cannot know about revocations after its export).
 */
@Schema(description = "The verdict on a presented e-proof and every check behind it. Each check gives its reason three ways: "
        + "`reason` in English (as before), `code`, a stable code of the kind of reason (the same code with other facts "
        + "can come again), and `reasonZh`, the same reason with the same facts in Chinese, as the verification page shows it.")
public record ProofVerificationReport(boolean valid, String proofId, String title, String proofType, String method,
                                      String serviceItemCode, String applicationId, String producingUnit, String issuedAt,
                                      String validUntil, String sealId, String sealPurpose, String sealAlgorithm,
                                      Instant timeStampTime, List<Check> checks) {

    public enum Status { PASSED, FAILED, WARNING, NOT_CHECKED }

    /**
     * One named check: seal.SIGNATURE, CONTENT_FORMAT, VALIDITY, PURPOSE, REVOCATION, ...
     *
     * @param reason   why, in English
     * @param code     the stable code of the reason ({@link ProofReason} or {@link org.proofhub.hub.seal.SealReason})
     * @param reasonZh why, in Chinese, with the same facts
     */
    public record Check(@Schema(description = "The check: seal.<check> for the seal's own checks, pdf.seal.<check> for a PDF's seal, "
                                + "else CONTENT_FORMAT, SEAL_MATCHES_PROOF, VALIDITY, PURPOSE, ISSUED_BY_THIS_HUB, REVOCATION, PDF_SEAL, "
                                + "PDF_IS_THIS_PROOF, CONTENT_DIGEST", example = "PURPOSE") String name,
                        Status status,
                        @Schema(description = "Why, in English", example = "out of purpose: made for item 350100-MZ-0001, "
                                + "application APP-1, presented for item 350100-RS-0001, application APP-1") String reason,
                        @Schema(description = "The stable code of the reason: which kind of reason it is, whatever its facts. "
                                + "Its wording is reason.<code> in the hub's i18n bundles", example = "OUT_OF_PURPOSE") String code,
                        @Schema(description = "Why, in Chinese, with the same facts (times in Beijing time)",
                                example = "该证明为事项 350100-MZ-0001（申请 APP-1）出具，现用于事项 350100-RS-0001（申请 APP-1），超出用途") String reasonZh) {

        public Check(String name, Status status, LocalisedReason because) {
            this(name, status, because.english(), because.code(), because.chinese());
        }
    }

    public Check check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** One sentence: valid, or the first failed check's reason, in Chinese and English. */
    public String summary() {
        return valid ? "有效 valid: " + title + " " + proofId
                : checks.stream().filter(c -> c.status() == Status.FAILED)
                .map(c -> "无效 invalid: " + c.name() + " — " + c.reasonZh() + " — " + c.reason())
                .findFirst().orElse("无效 invalid");
    }
}
