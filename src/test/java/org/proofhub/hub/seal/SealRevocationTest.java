package org.proofhub.hub.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.proofhub.hub.seal.SealVerification.Status;

class SealRevocationTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void aRevokedSealInvalidatesProofsTimeStampedAfterTheRevocationOnly(SealAlgorithm algorithm) {
        SealFixture hub = new SealFixture(directory);
        Seal seal = hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", algorithm);
        byte[] early = SealFixture.proof("early");
        byte[] sealedEarly = hub.module.sealer().seal(early, SealPurpose.DATA_SHARING);

        // the key leaks; the CA revokes the certificate before the hub's registry hears of it,
        // so the hub (or a thief with the key) still seals with it
        hub.clock.advance(Duration.ofDays(10));
        String revokedAt = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of("Asia/Shanghai"))
                .format(hub.clock.instant());
        hub.module.certificateAuthority().revoke(seal.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        hub.clock.advance(Duration.ofDays(1));
        byte[] late = SealFixture.proof("late");
        byte[] sealedLate = hub.module.sealer().seal(late, SealPurpose.DATA_SHARING);
        hub.clock.advance(Duration.ofDays(1));

        SealVerification earlyReport = hub.verify(early, sealedEarly);
        assertThat(earlyReport.valid()).as(earlyReport.summary()).isTrue();
        assertThat(earlyReport.result(SealCheck.REVOCATION).reason())
                .contains("revoked").contains("KEY_COMPROMISE").contains("after the time-stamp time");
        // the same in Chinese, for the window: when (Beijing time), why, and that this proof stays valid
        assertThat(earlyReport.result(SealCheck.REVOCATION).because().code()).isEqualTo("REVOCATION_REVOKED_AFTER_TIME_STAMP");
        assertThat(earlyReport.result(SealCheck.REVOCATION).because().chinese())
                .startsWith("印章证书已于 " + revokedAt + " 被吊销（密钥泄露）").contains("仍然有效");

        SealVerification lateReport = hub.verify(late, sealedLate);
        assertThat(lateReport.valid()).isFalse();
        assertThat(lateReport.result(SealCheck.REVOCATION).status()).isEqualTo(Status.FAILED);
        assertThat(lateReport.result(SealCheck.REVOCATION).reason()).contains("revoked").contains("not after");
        assertThat(lateReport.result(SealCheck.REVOCATION).because().code()).isEqualTo("REVOCATION_REVOKED");
        assertThat(lateReport.result(SealCheck.REVOCATION).because().chinese())
                .startsWith("印章证书已于 " + revokedAt + " 被吊销（密钥泄露），不晚于签章时（").endsWith("），该印章不可信");
        assertThat(lateReport.checks()).filteredOn(c -> c.check() != SealCheck.REVOCATION)
                .extracting(SealVerification.CheckResult::status).containsOnly(Status.PASSED);
    }

    @Test
    void revokingThroughTheRegistryStopsTheSealAndListsItOnTheCrl() {
        SealFixture hub = new SealFixture(directory);
        Seal seal = hub.module.registry().create(SealPurpose.VERIFICATION, "SJJ", SealAlgorithm.DEFAULT);

        Seal revoked = hub.module.registry().revoke(seal.id(), RevocationReason.CESSATION_OF_OPERATION);
        hub.module.registry().revoke(seal.id(), RevocationReason.KEY_COMPROMISE);

        assertThat(revoked.status()).isEqualTo(SealStatus.REVOKED);
        assertThat(hub.module.certificateAuthority().currentCrl(SealAlgorithm.DEFAULT)
                .getRevokedCertificate(seal.certificate()).getRevocationReason().name())
                .as("the first revocation stands").isEqualTo("CESSATION_OF_OPERATION");
        assertThatThrownBy(() -> hub.module.sealer().prepare(SealFixture.proof("x"), SealPurpose.VERIFICATION))
                .isInstanceOf(SealStateException.class);
    }

    @Test
    void withoutACrlRevocationIsIndeterminateAndTheProofNotDeclaredValid() {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        byte[] proof = SealFixture.proof("x");
        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);

        SealVerification report = hub.module.verifier().verify(proof, cms, hub.module.trustAnchors(), List.of(),
                hub.clock.instant());

        assertThat(report.valid()).isFalse();
        assertThat(report.result(SealCheck.REVOCATION).status()).isEqualTo(Status.INDETERMINATE);
        assertThat(report.result(SealCheck.REVOCATION).reason()).contains("no CRL");
    }

    @Test
    void anOutOfDateCrlOlderThanTheTimeStampProvesNothing() {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        var oldCrls = hub.module.certificateAuthority().currentCrls();
        hub.clock.advance(Duration.ofDays(30));
        byte[] proof = SealFixture.proof("x");
        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);

        SealVerification report = hub.module.verifier().verify(proof, cms, hub.module.trustAnchors(), oldCrls,
                hub.clock.instant());

        assertThat(report.result(SealCheck.REVOCATION).status()).isEqualTo(Status.INDETERMINATE);
        assertThat(report.result(SealCheck.REVOCATION).reason()).contains("out of date");
    }

    @Test
    void theCurrentCrlIsHandedOutAgainUntilARevocationOrAnHourLater() {
        SealFixture hub = new SealFixture(directory);
        Seal seal = hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        CertificateAuthority ca = hub.module.certificateAuthority();
        var first = ca.currentCrl(SealAlgorithm.DEFAULT);

        hub.clock.advance(Duration.ofMinutes(59));
        assertThat(ca.currentCrl(SealAlgorithm.DEFAULT)).as("reused within the hour").isSameAs(first);

        hub.module.registry().revoke(seal.id(), RevocationReason.KEY_COMPROMISE);
        var afterRevocation = ca.currentCrl(SealAlgorithm.DEFAULT);
        assertThat(afterRevocation).isNotSameAs(first);
        assertThat(afterRevocation.getRevokedCertificate(seal.certificate())).as("a revocation shows at once").isNotNull();

        hub.clock.advance(Duration.ofHours(1));
        assertThat(ca.currentCrl(SealAlgorithm.DEFAULT)).as("signed anew after an hour").isNotSameAs(afterRevocation);
    }
}
