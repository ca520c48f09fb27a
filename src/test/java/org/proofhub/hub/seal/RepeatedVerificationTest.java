package org.proofhub.hub.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.seal.SealVerification.Status;

/**
 * A proof presented again is answered from what the first check established about exactly its bytes; what can
 * change between presentations — the trust anchors given, the CRLs, altered bytes — is checked again every time.
 */
class RepeatedVerificationTest {

    @TempDir
    Path directory;
    @TempDir
    Path otherDirectory;

    @Test
    void theSameBytesGetTheSameReport() {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        byte[] proof = SealFixture.proof("repeat");
        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);

        SealVerification first = hub.verify(proof, cms);
        SealVerification again = hub.verify(proof, cms);

        assertThat(first.valid()).as(first.summary()).isTrue();
        assertThat(again.checks()).isEqualTo(first.checks());
        assertThat(again.sealId()).isEqualTo(first.sealId());
        assertThat(again.purpose()).isEqualTo(first.purpose());
        assertThat(again.timeStampTime()).isEqualTo(first.timeStampTime());
        assertThat(again.signingTime()).isEqualTo(first.signingTime());
    }

    @Test
    void theRememberedPathStillSaysWhenTheSealCertificateHasExpiredSince() {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        byte[] proof = SealFixture.proof("outlives its seal");
        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);
        SealVerification first = hub.verify(proof, cms);
        assertThat(first.result(SealCheck.CERTIFICATE_CHAIN).because().code()).isEqualTo(SealReason.CERTIFICATE_CHAIN_OK.name());

        hub.clock.advance(SealSettings.DEFAULT_SEAL_CERTIFICATE_VALIDITY.plusDays(1));
        SealVerification later = hub.verify(proof, cms);

        assertThat(later.result(SealCheck.CERTIFICATE_CHAIN).status()).isEqualTo(Status.PASSED);
        assertThat(later.result(SealCheck.CERTIFICATE_CHAIN).because().code())
                .as("judged at the time-stamp's time, expired by now").isEqualTo(SealReason.CERTIFICATE_CHAIN_OK_EXPIRED_SINCE.name());
    }

    @Test
    void aRevocationOnANewerCrlShowsOnTheNextPresentation() {
        SealFixture hub = new SealFixture(directory);
        Seal seal = hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        X509CRL before = hub.module.certificateAuthority().currentCrl(SealAlgorithm.DEFAULT);
        // the key leaks and the CA revokes it; the hub seals once more before it hears of it
        hub.clock.advance(Duration.ofHours(1));
        hub.module.certificateAuthority().revoke(seal.certificate().getSerialNumber(), RevocationReason.KEY_COMPROMISE);
        hub.clock.advance(Duration.ofHours(1));
        byte[] proof = SealFixture.proof("after the leak");
        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);

        SealVerification withOldCrl = hub.module.verifier().verify(proof, cms, hub.module.trustAnchors(), List.of(before),
                hub.clock.instant());
        assertThat(withOldCrl.valid()).as(withOldCrl.summary()).isTrue();

        SealVerification withNewCrl = hub.verify(proof, cms);
        assertThat(withNewCrl.valid()).isFalse();
        assertThat(withNewCrl.result(SealCheck.REVOCATION).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void otherTrustAnchorsOrOneAlteredByteAreCheckedAfresh() {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        byte[] proof = SealFixture.proof("anchors");
        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);
        assertThat(hub.verify(proof, cms).valid()).isTrue();

        SealFixture stranger = new SealFixture(otherDirectory);
        SealVerification foreignRoots = hub.module.verifier().verify(proof, cms, stranger.module.trustAnchors(),
                hub.module.certificateAuthority().currentCrls(), hub.clock.instant());
        assertThat(foreignRoots.valid()).isFalse();
        assertThat(foreignRoots.result(SealCheck.CERTIFICATE_CHAIN).status()).isEqualTo(Status.FAILED);

        byte[] altered = proof.clone();
        altered[altered.length - 3] ^= 1;
        SealVerification tampered = hub.verify(altered, cms);
        assertThat(tampered.result(SealCheck.CONTENT_DIGEST).status()).isEqualTo(Status.FAILED);
        assertThat(hub.verify(proof, cms).valid()).as("the original still verifies").isTrue();
    }
}
