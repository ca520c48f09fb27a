package org.proofhub.hub.verification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.verification.ItemKind;
import org.proofhub.hub.verification.ItemTerms;
import org.proofhub.hub.verification.VerificationProperties;
import org.proofhub.hub.verification.VerificationSubmission;
import org.springframework.util.unit.DataSize;

/** The rules that need no database: discrepancy comparison, the default service item policy, file signatures. */
class VerificationRulesTest {

    @Test
    void declaredValuesAreComparedAfterUnicodeAndSpaceNormalisation() {
        assertThat(VerificationService.discrepancies(Map.of("address", "鼓楼区 ８号", "Name", "张三"),
                Map.of("address", "鼓楼区  8号", "name", "张三"))).isEmpty();
        assertThat(VerificationService.discrepancies(Map.of("name", "张三", "phone", "123"), Map.of("name", "张叁"))).containsExactly("name");
        assertThat(VerificationService.discrepancies(null, Map.of("name", "张三"))).isEmpty();
    }

    @Test
    void theDefaultPolicyTakesTheRequestsTermsOnceTheyAreWellFormed() {
        RequestCarriedServiceItemPolicy policy = new RequestCarriedServiceItemPolicy();
        assertThat(policy.terms(submission(ItemKind.COMMITMENT, Duration.ofHours(4), true)))
                .isEqualTo(new ItemTerms(ItemKind.COMMITMENT, Duration.ofHours(4), true, null));
        assertThat(policy.terms(submission(ItemKind.INSTANT, null, false))).isEqualTo(new ItemTerms(ItemKind.INSTANT, null, false, null));
        assertThatThrownBy(() -> policy.terms(submission(null, null, false))).isInstanceOf(HubException.class).hasMessageContaining("itemKind");
        assertThatThrownBy(() -> policy.terms(submission(ItemKind.COMMITMENT, Duration.ZERO, false))).hasMessageContaining("positive");
        assertThatThrownBy(() -> policy.terms(submission(ItemKind.COMMITMENT, null, false))).hasMessageContaining("promised time limit");
        assertThatThrownBy(() -> policy.terms(submission(ItemKind.INSTANT, Duration.ofHours(1), false))).hasMessageContaining("no promised");
    }

    @Test
    void idScansMustBeWhatTheySayTheyAre() {
        assertThat(FileSignatures.matches("image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0})).isTrue();
        assertThat(FileSignatures.matches("application/pdf", "%PDF-1.7".getBytes())).isTrue();
        assertThat(FileSignatures.matches("application/pdf", "<html>".getBytes())).isFalse();
        assertThat(FileSignatures.matches("image/png", new byte[]{1})).isFalse();
    }

    @Test
    void aDemoSpeedsEveryLimitUpAndAWrongDurationStopsTheStart() {
        VerificationProperties normal = properties(1, Duration.ofMinutes(30));
        assertThat(normal.scaled(Duration.ofMinutes(30))).isEqualTo(Duration.ofMinutes(30));
        assertThat(properties(60, Duration.ofMinutes(30)).scaled(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(24));
        assertThatThrownBy(() -> properties(1, Duration.ZERO)).hasMessageContaining("hub.verification.instant-item-limit must be a positive duration");
    }

    private static VerificationProperties properties(int speedUp, Duration instant) {
        Duration m30 = Duration.ofMinutes(30);
        return new VerificationProperties(instant, Duration.ofHours(24), m30, m30, m30, Duration.ofMinutes(10), Duration.ofHours(24),
                speedUp, true, Duration.ofMillis(200), 500, 2, "", true, 16, DataSize.ofMegabytes(2), List.of("image/png"), Duration.ofDays(30), "", Map.of());
    }

    private static VerificationSubmission submission(ItemKind kind, Duration promised, boolean dataBacked) {
        return new VerificationSubmission("I", "A", kind, promised, "household-registration", dataBacked, "GAJ",
                new VerificationSubmission.Subject(SubjectType.PERSON, "x", "y"), "q", null, null);
    }
}
