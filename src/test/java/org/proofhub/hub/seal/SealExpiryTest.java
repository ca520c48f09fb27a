package org.proofhub.hub.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.proofhub.hub.seal.SealVerification.Status;

class SealExpiryTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void aProofTimeStampedWhileTheCertificateWasValidStillVerifiesAfterItExpired(SealAlgorithm algorithm) {
        SealFixture hub = new SealFixture(directory);
        Seal seal = hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", algorithm);
        byte[] proof = SealFixture.proof("x");
        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);

        hub.clock.advance(SealSettings.DEFAULT_SEAL_CERTIFICATE_VALIDITY.plusDays(200));
        assertThat(hub.clock.instant()).isAfter(seal.notAfter());
        SealVerification report = hub.verify(proof, cms);

        assertThat(report.valid()).as(report.summary()).isTrue();
        assertThat(report.result(SealCheck.CERTIFICATE_CHAIN).reason()).contains("expired since");
    }

    @Test
    void anExpiredSealRefusesToSeal() {
        SealFixture hub = new SealFixture(directory);
        Seal seal = hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);

        hub.clock.advance(SealSettings.DEFAULT_SEAL_CERTIFICATE_VALIDITY.plusDays(1));

        assertThatThrownBy(() -> hub.module.sealer().seal(SealFixture.proof("x"), SealPurpose.DATA_SHARING))
                .isInstanceOfSatisfying(SealStateException.class, e -> assertThat(e.sealId()).isEqualTo(seal.id()))
                .hasMessageContaining("rotate");
    }

    @Test
    void withoutATimeStampAnExpiredCertificateFailsTheChain() {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        byte[] proof = SealFixture.proof("x");
        // assembled with a TSA-less copy: strip the unsigned attributes
        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);
        byte[] withoutTimeStamp = Cms.withoutUnsignedAttributes(cms);

        hub.clock.advance(SealSettings.DEFAULT_SEAL_CERTIFICATE_VALIDITY.plusDays(1));
        SealVerification report = hub.verify(proof, withoutTimeStamp);

        assertThat(report.result(SealCheck.TIME_STAMP).status()).isEqualTo(Status.FAILED);
        assertThat(report.result(SealCheck.CERTIFICATE_CHAIN).status()).isEqualTo(Status.FAILED);
        assertThat(report.result(SealCheck.CERTIFICATE_CHAIN).reason()).contains("no valid time-stamp").contains("expired");
    }

    @Test
    void aPathThatValidatedWhileTheCertificateWasValidIsNotTakenAsValidAfterItExpired() {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        byte[] proof = SealFixture.proof("x");
        byte[] withoutTimeStamp = Cms.withoutUnsignedAttributes(hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING));
        // without a time-stamp the chain is judged now: valid today, and the verifier remembers the valid path
        assertThat(hub.verify(proof, withoutTimeStamp).result(SealCheck.CERTIFICATE_CHAIN).status()).isEqualTo(Status.PASSED);

        hub.clock.advance(SealSettings.DEFAULT_SEAL_CERTIFICATE_VALIDITY.plusDays(1));

        SealVerification report = hub.verify(proof, withoutTimeStamp);
        assertThat(report.result(SealCheck.CERTIFICATE_CHAIN).status()).isEqualTo(Status.FAILED);
        assertThat(report.result(SealCheck.CERTIFICATE_CHAIN).reason()).contains("expired");
    }

    @Test
    void expiringSoonReportListsActiveSealsWhoseCertificateEndsWithinTheWindow() {
        SealFixture hub = new SealFixture(directory);
        SealRegistry registry = hub.module.registry();
        Seal dataSharing = registry.create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        hub.clock.advance(Duration.ofDays(100));
        Seal verification = registry.create(SealPurpose.VERIFICATION, "SJJ", SealAlgorithm.SM2_SM3);
        Seal audit = registry.create(SealPurpose.AUDIT, "HUB", SealAlgorithm.DEFAULT);
        registry.rotate(audit.id());

        assertThat(registry.expiringWithin(Duration.ofDays(30), hub.clock.instant())).isEmpty();

        hub.clock.advance(SealSettings.DEFAULT_SEAL_CERTIFICATE_VALIDITY.minusDays(100 + 20));
        assertThat(registry.expiringWithin(Duration.ofDays(30), hub.clock.instant()))
                .extracting(Seal::id).containsExactly(dataSharing.id());
        assertThat(registry.expiringWithin(Duration.ofDays(130), hub.clock.instant()))
                .extracting(Seal::id).containsExactly(dataSharing.id(), verification.id(), "AUDIT-HUB-2");
    }
}
