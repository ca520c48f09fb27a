package org.proofhub.hub.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The applicant's credit level decides exemption, sampling rate or full check and the check's due date. */
class PostCheckPolicyTest {
    static final Instant DECIDED = Instant.parse("2026-11-26T02:00:00Z");
    static final CommitmentProperties DEFAULTS = new CommitmentProperties(null, "seed", "FGW", Duration.ofDays(5));
    static final PostCheckPolicy POLICY = PostCheckPolicy.of(DEFAULTS);

    @Test
    void levelAIsExemptLevelCIsCheckedInFullWithinThirtyDaysAndLevelDNeverCommits() {
        assertThat(POLICY.decide("A", "CM-1", DECIDED)).satisfies(d -> {
            assertThat(d.mode()).isEqualTo(PostCheckMode.EXEMPT);
            assertThat(d.selected()).isFalse();
            assertThat(d.dueAt()).isNull();
        });
        assertThat(POLICY.decide("C", "CM-1", DECIDED)).satisfies(d -> {
            assertThat(d.mode()).isEqualTo(PostCheckMode.FULL);
            assertThat(d.selected()).isTrue();
            assertThat(d.dueAt()).isEqualTo(DECIDED.plus(Duration.ofDays(30)));
        });
        assertThat(POLICY.allowsCommitment("D")).isFalse();
        assertThat(POLICY.allowsCommitment("A")).isTrue();
        assertThatThrownBy(() -> POLICY.decide("D", "CM-1", DECIDED)).hasMessageContaining("allows no commitment");
    }

    @Test
    void levelBIsSampledAtItsRateDeterministically() {
        long sampled = IntStream.range(0, 10_000).filter(i -> POLICY.decide("B", "CM-" + i, DECIDED).selected()).count();
        assertThat(sampled).isBetween(900L, 1100L);
        PostCheckPolicy.Decision once = POLICY.decide("B", "CM-42", DECIDED);
        assertThat(POLICY.decide("B", "CM-42", DECIDED)).isEqualTo(once);
        assertThat(once.sample()).isBetween(0.0, 1.0).isEqualTo(POLICY.sample("CM-42"));
        String selected = IntStream.range(0, 1000).mapToObj(i -> "CM-" + i).filter(id -> POLICY.sample(id) < 0.10).findFirst().orElseThrow();
        assertThat(POLICY.decide("B", selected, DECIDED).dueAt()).isEqualTo(DECIDED.plus(Duration.ofDays(60)));
        // another seed picks others: nobody can predict the choice without it
        PostCheckPolicy other = new PostCheckPolicy(DEFAULTS.postCheck(), "other-seed");
        assertThat(other.sample("CM-42")).isNotEqualTo(POLICY.sample("CM-42"));
    }

    @Test
    void unratedApplicantsFollowTheUnratedRule() {
        assertThat(POLICY.rule("UNRATED").mode()).isEqualTo(PostCheckMode.SAMPLE);
        assertThat(POLICY.rule("X")).isEqualTo(POLICY.rule("UNRATED"));
    }

    @Test
    void aConfiguredPolicyOverridesTheDefaultsAndABadOneNamesItsKey() {
        CommitmentProperties strict = new CommitmentProperties(Map.of("B", new CommitmentProperties.Rule(PostCheckMode.FULL, null, Duration.ofDays(10))),
                "seed", "FGW", Duration.ofSeconds(30));
        assertThat(PostCheckPolicy.of(strict).decide("B", "CM-1", DECIDED).dueAt()).isEqualTo(DECIDED.plus(Duration.ofDays(10)));
        assertThat(PostCheckPolicy.of(strict).rule("A").mode()).isEqualTo(PostCheckMode.EXEMPT);
        assertThatThrownBy(() -> new CommitmentProperties(Map.of("B", new CommitmentProperties.Rule(PostCheckMode.SAMPLE, 1.5, Duration.ofDays(1))),
                "s", "FGW", Duration.ofSeconds(1))).hasMessage("hub.commitment.post-check.B.rate must be above 0 and at most 1 for SAMPLE, is 1.5");
        assertThatThrownBy(() -> new CommitmentProperties(Map.of("E", new CommitmentProperties.Rule(PostCheckMode.EXEMPT, null, null)),
                "s", "FGW", Duration.ofSeconds(1))).hasMessageContaining("hub.commitment.post-check.E is not a credit level");
        assertThatThrownBy(() -> new CommitmentProperties(Map.of("C", new CommitmentProperties.Rule(PostCheckMode.FULL, null, null)),
                "s", "FGW", Duration.ofSeconds(1))).hasMessageContaining("hub.commitment.post-check.C.within must be a positive duration");
    }
}
