package org.proofhub.hub.commitment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Map;

/**
 * The credit level decides whether, how and by when a commitment is checked after the decision
 * (000 6.2.4.2.1; 003 三(四)). Sampling is deterministic: a hash of the seed and the commitment id, read as a
 * number in [0, 1), is below the rate — an auditor can recompute every choice, nobody can pick it.
 */
public final class PostCheckPolicy {

    /**
     * @param sample   the commitment's number in [0, 1), for SAMPLE
     * @param selected whether a check task is due
     * @param dueAt    when the check is due, for selected commitments
     */
    public record Decision(String level, PostCheckMode mode, Double sample, boolean selected, Instant dueAt) {
    }

    private final Map<String, CommitmentProperties.Rule> rules;
    private final String seed;

    public PostCheckPolicy(Map<String, CommitmentProperties.Rule> rules, String seed) {
        this.rules = Map.copyOf(rules);
        this.seed = seed;
    }

    public static PostCheckPolicy of(CommitmentProperties properties) {
        return new PostCheckPolicy(properties.postCheck(), properties.samplingSeed());
    }

    /** Whether applicants of {@code level} may commit at all. */
    public boolean allowsCommitment(String level) {
        return rule(level).mode() != PostCheckMode.INELIGIBLE;
    }

    public CommitmentProperties.Rule rule(String level) {
        CommitmentProperties.Rule rule = rules.get(level);
        return rule != null ? rule : rules.get("UNRATED");
    }

    /** How the commitment {@code commitmentId}, decided at {@code decidedAt}, is checked. */
    public Decision decide(String level, String commitmentId, Instant decidedAt) {
        CommitmentProperties.Rule rule = rule(level);
        switch (rule.mode()) {
            case FULL:
                return new Decision(level, PostCheckMode.FULL, null, true, decidedAt.plus(rule.within()));
            case SAMPLE:
                double sample = sample(commitmentId);
                boolean selected = sample < rule.rate();
                return new Decision(level, PostCheckMode.SAMPLE, sample, selected, selected ? decidedAt.plus(rule.within()) : null);
            case EXEMPT:
                return new Decision(level, PostCheckMode.EXEMPT, null, false, null);
            default:
                // a D applicant cannot have reached a decision: eligibility refuses them first
                throw new IllegalStateException("credit level " + level + " allows no commitment, so it has no post-check");
        }
    }

    /** The commitment's place in [0, 1): the first 53 bits of SHA-256(seed ":" id) over 2^53 (a double holds them exactly). */
    public double sample(String commitmentId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((seed + ":" + commitmentId).getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(hash, 0, 8).getLong() >>> 11;
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
