package org.proofhub.hub.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SealRotationTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void proofsSealedBeforeAndAfterARotationBothVerify(SealAlgorithm algorithm) {
        SealFixture hub = new SealFixture(directory);
        SealRegistry registry = hub.module.registry();
        Seal first = registry.create(SealPurpose.DATA_SHARING, "SJJ", algorithm);
        byte[] before = SealFixture.proof("before");
        byte[] sealedBefore = hub.module.sealer().seal(before, SealPurpose.DATA_SHARING);

        hub.clock.advance(Duration.ofDays(30));
        Seal second = registry.rotate(first.id());
        hub.clock.advance(Duration.ofDays(1));
        byte[] after = SealFixture.proof("after");
        byte[] sealedAfter = hub.module.sealer().seal(after, SealPurpose.DATA_SHARING);
        hub.clock.advance(Duration.ofDays(1));

        assertThat(second.id()).isEqualTo("DATA_SHARING-SJJ-2");
        assertThat(second.algorithm()).isEqualTo(algorithm);
        assertThat(second.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
        assertThat(registry.seals()).extracting(Seal::id, Seal::status).containsExactly(
                tuple("DATA_SHARING-SJJ-1", SealStatus.RETIRED),
                tuple("DATA_SHARING-SJJ-2", SealStatus.ACTIVE));

        SealVerification oldProof = hub.verify(before, sealedBefore);
        SealVerification newProof = hub.verify(after, sealedAfter);
        assertThat(oldProof.valid()).as(oldProof.summary()).isTrue();
        assertThat(oldProof.sealId()).isEqualTo("DATA_SHARING-SJJ-1");
        assertThat(newProof.valid()).as(newProof.summary()).isTrue();
        assertThat(newProof.sealId()).isEqualTo("DATA_SHARING-SJJ-2");
    }

    @ParameterizedTest
    @EnumSource(SealAlgorithm.class)
    void aRetiredSealSealsNothingNewAndCannotBeRotatedAgain(SealAlgorithm algorithm) {
        SealFixture hub = new SealFixture(directory);
        Seal first = hub.module.registry().create(SealPurpose.VERIFICATION, "GAJ", algorithm);
        hub.module.registry().rotate(first.id());

        assertThatThrownBy(() -> hub.module.sealer().prepare(SealFixture.proof("x"), SealPurpose.VERIFICATION, first.id()))
                .isInstanceOfSatisfying(SealStateException.class, e -> assertThat(e.sealId()).isEqualTo(first.id()))
                .hasMessageContaining("RETIRED");
        assertThatThrownBy(() -> hub.module.registry().rotate(first.id())).isInstanceOf(SealStateException.class);
    }
}
