package org.proofhub.hub.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.proofhub.hub.seal.SealVerification.Status;

class SealRoundTripTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void sealedProofVerifiesWithEveryCheckPassed(SealAlgorithm algorithm) {
        SealFixture hub = new SealFixture(directory);
        Seal seal = hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", algorithm);
        byte[] proof = SealFixture.proof("张三");

        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);
        hub.clock.advance(Duration.ofMinutes(5));
        SealVerification report = hub.verify(proof, cms);

        assertThat(report.valid()).as(report.summary()).isTrue();
        assertThat(report.checks()).extracting(SealVerification.CheckResult::check).containsExactly(SealCheck.values());
        assertThat(report.checks()).extracting(SealVerification.CheckResult::status).containsOnly(Status.PASSED);
        assertThat(report.sealId()).isEqualTo(seal.id()).isEqualTo("DATA_SHARING-SJJ-1");
        assertThat(report.purpose()).isEqualTo(SealPurpose.DATA_SHARING);
        assertThat(report.unitCode()).isEqualTo("SJJ");
        assertThat(report.algorithm()).isEqualTo(algorithm);
        assertThat(report.signingTime()).isEqualTo(SealFixture.START);
        assertThat(report.timeStampTime()).isEqualTo(SealFixture.START);
    }

    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void threeVisibleStepsWithTheTokenSigningInTheMiddle(SealAlgorithm algorithm) throws Exception {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.VERIFICATION, "GAJ", algorithm);
        byte[] proof = SealFixture.proof("李四");

        SealRequest request = hub.module.sealer().prepare(proof, SealPurpose.VERIFICATION);
        byte[] signatureValue = hub.module.token().sign(request.seal().keyAlias(), algorithm, request.dataToSign());
        byte[] cms = hub.module.sealer().assemble(request, signatureValue);

        CMSSignedData signedData = new CMSSignedData(cms);
        assertThat(signedData.isDetachedSignature()).isTrue();
        assertThat(signedData.getSignerInfos().getSigners().iterator().next().getEncodedSignedAttributes())
                .isEqualTo(request.dataToSign());
        assertThat(signedData.getCertificates().getMatches(null)).hasSize(2);
        assertThat(hub.verify(proof, cms).valid()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void padesRequestLeavesOutSigningTimeAndStillVerifies(SealAlgorithm algorithm) throws Exception {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.VERIFICATION, "GAJ", algorithm);
        byte[] byteRanges = "%PDF-1.7 stands in for the signed byte ranges of a PDF".getBytes(StandardCharsets.US_ASCII);

        SealRequest request = hub.module.sealer().preparePades(byteRanges, SealPurpose.VERIFICATION);
        byte[] cms = hub.module.sealer().assemble(request,
                hub.module.token().sign(request.seal().keyAlias(), algorithm, request.dataToSign()));

        AttributeTable signed = new CMSSignedData(cms).getSignerInfos().getSigners().iterator().next()
                .getSignedAttributes();
        assertThat(signed.get(CMSAttributes.signingTime)).isNull();
        assertThat(signed.get(CMSAttributes.contentType)).isNotNull();
        assertThat(signed.get(CMSAttributes.messageDigest)).isNotNull();
        assertThat(request.signingTime()).isEqualTo(SealFixture.START);
        SealVerification report = hub.verify(byteRanges, cms);
        assertThat(report.valid()).as(report.summary()).isTrue();
        assertThat(report.signingTime()).isNull();
        assertThat(report.timeStampTime()).isEqualTo(SealFixture.START);
    }

    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void oneAlteredByteOfContentFailsTheContentDigestOnly(SealAlgorithm algorithm) {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", algorithm);
        byte[] proof = SealFixture.proof("张三");
        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);

        byte[] altered = proof.clone();
        altered[altered.length - 3] ^= 0x01;
        SealVerification report = hub.verify(altered, cms);

        assertThat(report.valid()).isFalse();
        assertThat(report.result(SealCheck.CONTENT_DIGEST).status()).isEqualTo(Status.FAILED);
        assertThat(report.result(SealCheck.CONTENT_DIGEST).reason())
                .contains("content digest").contains("the content is not what was sealed");
        assertThat(report.result(SealCheck.CONTENT_DIGEST).because().code()).isEqualTo("CONTENT_DIGEST_DIFFERS");
        assertThat(report.result(SealCheck.CONTENT_DIGEST).because().chinese()).startsWith("内容摘要与签章时不一致：证明内容在签章后被改动过");
        assertThat(report.checks()).filteredOn(c -> c.check() != SealCheck.CONTENT_DIGEST)
                .extracting(SealVerification.CheckResult::status).containsOnly(Status.PASSED);
    }

    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void anAlteredSignatureValueFailsTheSignature(SealAlgorithm algorithm) throws Exception {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", algorithm);
        byte[] proof = SealFixture.proof("张三");
        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);

        SealVerification report = hub.verify(proof, withLastSignatureByteFlipped(cms));

        assertThat(report.valid()).isFalse();
        assertThat(report.result(SealCheck.SIGNATURE).status()).as(report.summary()).isEqualTo(Status.FAILED);
        assertThat(report.result(SealCheck.CONTENT_DIGEST).status()).isEqualTo(Status.PASSED);
        // the time-stamp was made over the original signature value
        assertThat(report.result(SealCheck.TIME_STAMP).reason()).contains("covers other data");
    }

    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void anAlteredTimeStampSignatureFailsTheTimeStamp(SealAlgorithm algorithm) {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", algorithm);
        byte[] proof = SealFixture.proof("张三");
        byte[] cms = Cms.withTimeStampSignatureAltered(hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING));

        SealVerification report = hub.verify(proof, cms);

        assertThat(report.valid()).isFalse();
        assertThat(report.result(SealCheck.TIME_STAMP).status()).as(report.summary()).isEqualTo(Status.FAILED);
        assertThat(report.result(SealCheck.TIME_STAMP).reason()).contains("invalid");
        assertThat(report.result(SealCheck.SIGNATURE).status()).isEqualTo(Status.PASSED);
    }

    /**
     * Signature checks that passed are remembered by the digest of what was checked: verifying the genuine seal first
     * must not let an altered signature value or time-stamp of the same seal pass afterwards.
     */
    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void aSealVerifiedBeforeDoesNotVouchForAlteredCopiesOfIt(SealAlgorithm algorithm) throws Exception {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", algorithm);
        byte[] proof = SealFixture.proof("张三");
        byte[] cms = hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING);
        for (int i = 0; i < 2; i++) {
            SealVerification again = hub.verify(proof, cms);
            assertThat(again.valid()).as(again.summary()).isTrue();
        }

        SealVerification signature = hub.verify(proof, withLastSignatureByteFlipped(cms));
        assertThat(signature.result(SealCheck.SIGNATURE).status()).as(signature.summary()).isEqualTo(Status.FAILED);
        SealVerification timeStamp = hub.verify(proof, Cms.withTimeStampSignatureAltered(cms));
        assertThat(timeStamp.result(SealCheck.TIME_STAMP).status()).as(timeStamp.summary()).isEqualTo(Status.FAILED);
        assertThat(timeStamp.result(SealCheck.TIME_STAMP).reason()).contains("invalid");
        SealVerification content = hub.verify(SealFixture.proof("李四"), cms);
        assertThat(content.result(SealCheck.CONTENT_DIGEST).status()).isEqualTo(Status.FAILED);
        assertThat(hub.verify(proof, cms).valid()).isTrue();
    }

    @Test
    void garbageIsReportedNotThrown() {
        SealFixture hub = new SealFixture(directory);
        SealVerification report = hub.verify(SealFixture.proof("x"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});

        assertThat(report.valid()).isFalse();
        assertThat(report.result(SealCheck.FORMAT).status()).isEqualTo(Status.FAILED);
        assertThat(report.checks()).filteredOn(c -> c.check() != SealCheck.FORMAT)
                .extracting(SealVerification.CheckResult::status).containsOnly(Status.INDETERMINATE);
    }

    @Test
    void aMalformedTimeStampIsAVerdictOnTheTimeStampOnly() {
        SealFixture hub = new SealFixture(directory);
        hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
        byte[] proof = SealFixture.proof("张三");
        byte[] cms = Cms.withGarbageTimeStamp(hub.module.sealer().seal(proof, SealPurpose.DATA_SHARING));

        SealVerification report = hub.verify(proof, cms);

        assertThat(report.valid()).isFalse();
        assertThat(report.result(SealCheck.TIME_STAMP).status()).isEqualTo(Status.FAILED);
        assertThat(report.result(SealCheck.TIME_STAMP).reason()).contains("cannot be read");
        assertThat(report.timeStampTime()).isNull();
        assertThat(report.result(SealCheck.SIGNATURE).status()).isEqualTo(Status.PASSED);
        assertThat(report.result(SealCheck.CERTIFICATE_CHAIN).reason()).contains("no valid time-stamp");
    }

    /** Flips the last byte of the DER signature value (the end of the s integer, so the DER stays well formed). */
    private static byte[] withLastSignatureByteFlipped(byte[] cms) throws Exception {
        byte[] signature = new CMSSignedData(cms).getSignerInfos().getSigners().iterator().next().getSignature();
        int at = indexOf(cms, signature);
        assertThat(at).isPositive();
        byte[] tampered = cms.clone();
        tampered[at + signature.length - 1] ^= 0x01;
        return tampered;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
