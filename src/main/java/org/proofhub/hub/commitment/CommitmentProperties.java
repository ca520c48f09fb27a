package org.proofhub.hub.commitment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Commitment settings ({@code hub.commitment.*}), checked at start-up: a bad value stops the start naming its key.
 *
 * @param postCheck    by credit level (A, B, C, D and UNRATED for applicants the credit source has not rated):
 *                     the post-check mode, the sampling rate for SAMPLE and the time within which a check is due.
 *                     Levels left out keep the defaults of {@link #DEFAULT_POLICY}.
 * @param samplingSeed mixed into the hash that samples commitments: the same commitment is always in or out
 *                     (auditable), and nobody can predict it without the seed
 * @param creditUnit   the credit department; false commitments go to its queue {@code dept.<unit>.credit-entries}
 * @param postCheckSupervisorWindow how long the unit's supervisor has to see an overdue post-check done before it is
 *                                  breached
 */
@Validated
@ConfigurationProperties("hub.commitment")
public record CommitmentProperties(
        Map<String, Rule> postCheck,
        @DefaultValue("proof-hub-post-checks") @NotBlank String samplingSeed,
        @DefaultValue("FGW") @NotBlank String creditUnit,
        @DefaultValue("5d") @NotNull Duration postCheckSupervisorWindow) {

    /** The levels a policy must cover. */
    public static final Set<String> LEVELS = Set.of("A", "B", "C", "D", "UNRATED");

    /**
     * The defaults: A exempt; B sampled at 10 % within 60 days; C checked in full within 30 days; D never
     * eligible; unrated applicants sampled at 20 % within 60 days.
     */
    public static final Map<String, Rule> DEFAULT_POLICY = Map.of(
            "A", new Rule(PostCheckMode.EXEMPT, null, null),
            "B", new Rule(PostCheckMode.SAMPLE, 0.10, Duration.ofDays(60)),
            "C", new Rule(PostCheckMode.FULL, null, Duration.ofDays(30)),
            "D", new Rule(PostCheckMode.INELIGIBLE, null, null),
            "UNRATED", new Rule(PostCheckMode.SAMPLE, 0.20, Duration.ofDays(60)));

    /**
     * @param rate   share of commitments checked, for SAMPLE (0 &lt; rate ≤ 1)
     * @param within the check is due this long after the decision, for SAMPLE and FULL
     */
    public record Rule(PostCheckMode mode, Double rate, Duration within) {
    }

    public CommitmentProperties {
        Map<String, Rule> merged = new LinkedHashMap<>(DEFAULT_POLICY);
        if (postCheck != null) {
            Set<String> unknown = new TreeSet<>(postCheck.keySet());
            unknown.removeAll(LEVELS);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("hub.commitment.post-check." + unknown.iterator().next()
                        + " is not a credit level: use A, B, C, D or UNRATED");
            }
            merged.putAll(postCheck);
        }
        merged.forEach(CommitmentProperties::check);
        postCheck = Map.copyOf(merged);
        if (postCheckSupervisorWindow != null && (postCheckSupervisorWindow.isNegative() || postCheckSupervisorWindow.isZero())) {
            throw new IllegalArgumentException("hub.commitment.post-check-supervisor-window must be positive, is " + postCheckSupervisorWindow);
        }
        if (creditUnit != null && !creditUnit.matches("[A-Z0-9_]{1,32}")) {
            throw new IllegalArgumentException("hub.commitment.credit-unit '" + creditUnit + "' cannot name a queue: use A-Z, 0-9 and _");
        }
    }

    private static void check(String level, Rule rule) {
        String key = "hub.commitment.post-check." + level;
        if (rule == null || rule.mode() == null) {
            throw new IllegalArgumentException(key + ".mode is required: EXEMPT, SAMPLE, FULL or INELIGIBLE");
        }
        if (rule.mode() == PostCheckMode.SAMPLE && (rule.rate() == null || !(rule.rate() > 0 && rule.rate() <= 1))) {
            throw new IllegalArgumentException(key + ".rate must be above 0 and at most 1 for SAMPLE, is " + rule.rate());
        }
        if (rule.mode() != PostCheckMode.SAMPLE && rule.rate() != null) {
            throw new IllegalArgumentException(key + ".rate applies to SAMPLE only; " + rule.mode() + " has none");
        }
        boolean checks = rule.mode() == PostCheckMode.SAMPLE || rule.mode() == PostCheckMode.FULL;
        if (checks && (rule.within() == null || rule.within().isNegative() || rule.within().isZero())) {
            throw new IllegalArgumentException(key + ".within must be a positive duration (e.g. 30d) for " + rule.mode());
        }
    }
}
