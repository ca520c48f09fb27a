package org.proofhub.hub.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.support.MutableClock;

class SealPersistenceTest {

    @TempDir
    Path directory;

    @Test
    void aSecondStartReusesTheSealsTheCaAndTheTsaAndSealsAgainWithTheSameSeal() {
        SealFixture hub = new SealFixture(directory);
        SealRegistry registry = hub.module.registry();
        Seal first = registry.create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        Seal active = registry.rotate(first.id());
        registry.create(SealPurpose.VERIFICATION, "SJJ", SealAlgorithm.SM2_SM3);
        byte[] before = SealFixture.proof("before restart");
        byte[] sealedBefore = hub.module.sealer().seal(before, SealPurpose.DATA_SHARING);
        List<Seal> seals = registry.seals();
        TrustAnchors anchors = hub.module.trustAnchors();
        List<String> aliases = hub.module.token().aliases();

        hub.clock.advance(Duration.ofDays(1));
        SealModule restarted = hub.reopen();

        assertThat(restarted.registry().seals()).isEqualTo(seals);
        assertThat(restarted.trustAnchors()).isEqualTo(anchors);
        assertThat(restarted.token().aliases()).isEqualTo(aliases)
                .containsExactly("data_sharing-sjj-1", "data_sharing-sjj-2", "tsa", "verification-sjj-1");
        byte[] after = SealFixture.proof("after restart");
        byte[] sealedAfter = restarted.sealer().seal(after, SealPurpose.DATA_SHARING);
        SealVerification afterReport = hub.verify(after, sealedAfter);
        assertThat(afterReport.valid()).as(afterReport.summary()).isTrue();
        assertThat(afterReport.sealId()).isEqualTo(active.id());
        assertThat(hub.verify(before, sealedBefore).valid()).isTrue();
        assertThat(directory.resolve("seals.p12")).isRegularFile();
        assertThat(directory.resolve("seals.json")).isRegularFile();
        assertThat(directory.resolve("ca/ca.p12")).isRegularFile();
        assertThat(directory.resolve("ca/ca.json")).isRegularFile();
        assertThat(directory.resolve("ca/roots.pem")).content().isEqualTo(anchors.toPem());
    }

    @Test
    void missingSealsAreCreatedTogetherAndSurviveARestart() {
        SealFixture hub = new SealFixture(directory);
        SealRegistry registry = hub.module.registry();
        Seal existing = registry.create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);

        List<Seal> created = registry.createMissing(List.of(SealPurpose.DATA_SHARING, SealPurpose.AUDIT, SealPurpose.COMMITMENT_LETTER),
                "SJJ", SealAlgorithm.DEFAULT);

        assertThat(created).extracting(Seal::purpose).containsExactly(SealPurpose.AUDIT, SealPurpose.COMMITMENT_LETTER);
        assertThat(registry.activeSeal(SealPurpose.DATA_SHARING, "SJJ")).contains(existing);
        assertThat(registry.createMissing(List.of(SealPurpose.AUDIT, SealPurpose.COMMITMENT_LETTER), "SJJ", SealAlgorithm.DEFAULT)).isEmpty();
        SealModule restarted = hub.reopen();
        assertThat(restarted.registry().seals()).isEqualTo(registry.seals());
        byte[] letter = SealFixture.proof("letter");
        SealVerification report = hub.verify(letter, restarted.sealer().seal(letter, SealPurpose.COMMITMENT_LETTER));
        assertThat(report.valid()).as(report.summary()).isTrue();
        assertThat(report.sealId()).isEqualTo(created.get(1).id());
    }

    @Test
    void revocationsAndCrlNumbersSurviveARestart() {
        SealFixture hub = new SealFixture(directory);
        Seal seal = hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        hub.module.registry().revoke(seal.id(), RevocationReason.KEY_COMPROMISE);
        BigInteger numberBefore = crlNumber(hub.module.certificateAuthority());

        SealModule restarted = hub.reopen();

        assertThat(restarted.registry().seal(seal.id()).status()).isEqualTo(SealStatus.REVOKED);
        assertThat(restarted.certificateAuthority().currentCrl(SealAlgorithm.DEFAULT)
                .getRevokedCertificate(seal.certificate())).isNotNull();
        assertThat(crlNumber(restarted.certificateAuthority())).isGreaterThan(numberBefore);
    }

    @Test
    void aWrongPasswordIsReportedWithTheFile() {
        new SealFixture(directory);

        assertThatThrownBy(() -> SealModule.open(SealSettings.of(directory, "wrong".toCharArray()), new MutableClock(SealFixture.START)))
                .isInstanceOfSatisfying(SealStorageException.class,
                        e -> assertThat(e.path()).isEqualTo(directory.resolve("ca").resolve("ca.p12")))
                .hasMessageContaining("wrong password?");
    }

    private static BigInteger crlNumber(CertificateAuthority authority) {
        byte[] extension = authority.currentCrl(SealAlgorithm.DEFAULT).getExtensionValue(Extension.cRLNumber.getId());
        try {
            return ASN1Integer.getInstance(ASN1OctetString.getInstance(extension).getOctets())
                    .getValue();
        } catch (RuntimeException e) {
            throw new AssertionError("CRL number unreadable", e);
        }
    }
}
