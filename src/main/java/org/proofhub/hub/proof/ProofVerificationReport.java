package org.proofhub.hub.proof;

import java.time.Instant;
import java.util.List;

/**
 * The answer to "is this e-proof genuine and usable here?": an overall verdict and every check with
 * its reason, in words for the person at the window. The same report comes from the online endpoint
 * and the offline {@code verify} command (which cannot know about revocations after its export).
 */
public record ProofVerificationReport(boolean valid, String proofId, String title, String proofType, String method,
                                      String serviceItemCode, String applicationId, String producingUnit, String issuedAt,
                                      String validUntil, String sealId, String sealPurpose, String sealAlgorithm,
                                      Instant timeStampTime, List<Check> checks) {

    public enum Status { PASSED, FAILED, WARNING, NOT_CHECKED }

    /** One named check: seal.SIGNATURE, CONTENT_FORMAT, VALIDITY, PURPOSE, REVOCATION, ... */
    public record Check(String name, Status status, String reason) {
    }

    public Check check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    /** One sentence: valid, or the first failed check's reason. */
    public String summary() {
        return valid ? "有效 valid: " + title + " " + proofId
                : checks.stream().filter(c -> c.status() == Status.FAILED).map(c -> "无效 invalid: " + c.name() + " — " + c.reason())
                .findFirst().orElse("无效 invalid");
    }
}
