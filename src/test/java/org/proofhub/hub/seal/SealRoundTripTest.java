package org.proofhub.hub.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

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
        assertThat(report.checks()).extracting(SealVerification.CheckResult::status).containsOnly(Status.PASSED);
        assertThat(report.sealId()).isEqualTo(seal.id()).isEqualTo("DATA_SHARING-SJJ-1");
        assertThat(report.purpose()).isEqualTo(SealPurpose.DATA_SHARING);
        assertThat(report.unitCode()).isEqualTo("SJJ");
        assertThat(report.algorithm()).isEqualTo(algorithm);
        assertThat(report.signingTime()).isEqualTo(SealFixture.START);
        assertThat(report.timeStampTime()).isEqualTo(SealFixture.START);
        System.out.println(report.summary());
    }
}
