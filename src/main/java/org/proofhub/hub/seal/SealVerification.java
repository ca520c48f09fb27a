package org.proofhub.hub.seal;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.proofhub.hub.platform.LocalisedReason;

/**
 * The report of verifying a sealed proof: every {@link SealCheck} with its status and a reason a person
 * can read, and what the seal says about itself. Fields other than {@code valid} and {@code checks} are
 * {@code null} when the seal did not reveal them.
 *
 * @param valid         true when every check passed
 * @param signingTime   the signed signing-time attribute (claimed by the signer, not proven)
 * @param timeStampTime the time of the time-stamp token, proven by the TSA
 */
public record SealVerification(boolean valid, List<CheckResult> checks, String sealId, SealPurpose purpose,
                               String unitCode, SealAlgorithm algorithm, Instant signingTime,
                               Instant timeStampTime) {

    public SealVerification {
        checks = List.copyOf(checks);
    }

    /** The outcome of one check. */
    public enum Status {
        PASSED,
        FAILED,
        /** Could not be decided: something it needs failed or is missing (e.g. no CRL). */
        INDETERMINATE
    }

    /**
     * The outcome of one check and why.
     *
     * @param because the reason's stable {@link SealReason} code and its wording in English and Chinese
     */
    public record CheckResult(SealCheck check, Status status, LocalisedReason because) {
        /** The reason in English, as the report has always given it. */
        public String reason() {
            return because.english();
        }
    }

    /** Valid, and sealed with a seal of {@code expected}: what a consumer of a proof of that kind asks. */
    public boolean isValidFor(SealPurpose expected) {
        return valid && purpose == expected;
    }

    /** The result of {@code check}; every check is always reported. */
    public CheckResult result(SealCheck check) {
        return checks.stream().filter(c -> c.check() == check).findFirst()
                .orElseThrow(() -> new IllegalStateException("check " + check + " missing from the report"));
    }

    public Status status(SealCheck check) {
        return result(check).status();
    }

    /** One line per check, for logs and operators. */
    public String summary() {
        return (valid ? "VALID" : "INVALID") + " seal " + sealId + " (" + purpose + ", unit " + unitCode + ", "
                + algorithm + ", time-stamped " + timeStampTime + ")\n"
                + checks.stream().map(c -> "  " + c.check() + " " + c.status() + ": " + c.reason())
                .collect(Collectors.joining("\n"));
    }
}
