package org.proofhub.hub.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealPurposeTest {

    @TempDir
    Path directory;

    private SealFixture hub;
    private Seal dataSharing;

    @BeforeEach
    void createDataSharingSeal() {
        hub = new SealFixture(directory);
        dataSharing = hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.DEFAULT);
    }

    @Test
    void aDataSharingSealRefusesToSealAVerificationProof() {
        byte[] proof = SealFixture.proof("王五");

        assertThatThrownBy(() -> hub.module.sealer().prepare(proof, SealPurpose.VERIFICATION, dataSharing.id()))
                .isInstanceOfSatisfying(SealPurposeMismatchException.class, e -> {
                    assertThat(e.sealId()).isEqualTo("DATA_SHARING-SJJ-1");
                    assertThat(e.sealPurpose()).isEqualTo(SealPurpose.DATA_SHARING);
                    assertThat(e.requestedPurpose()).isEqualTo(SealPurpose.VERIFICATION);
                })
                .hasMessageContaining("DATA_SHARING-SJJ-1").hasMessageContaining("电子证明核实信息专用章");
        assertThatThrownBy(() -> hub.module.sealer().seal(proof, SealPurpose.VERIFICATION, dataSharing.id()))
                .isInstanceOf(SealPurposeMismatchException.class);
    }

    @Test
    void aPurposeWithoutItsOwnSealIsRefusedRatherThanBorrowingAnother() {
        assertThatThrownBy(() -> hub.module.sealer().prepare(SealFixture.proof("王五"), SealPurpose.VERIFICATION))
                .isInstanceOfSatisfying(SealStateException.class,
                        e -> assertThat(e.purpose()).isEqualTo(SealPurpose.VERIFICATION))
                .hasMessageContaining("no active seal");
    }

    @Test
    void eachPurposeSealsWithItsOwnSealAndTheVerifierReadsThePurposeFromTheCertificate() {
        hub.module.registry().create(SealPurpose.VERIFICATION, "SJJ", SealAlgorithm.DEFAULT);
        byte[] proof = SealFixture.proof("王五");

        SealVerification report = hub.verify(proof, hub.module.sealer().seal(proof, SealPurpose.VERIFICATION));

        assertThat(report.isValidFor(SealPurpose.VERIFICATION)).isTrue();
        assertThat(report.isValidFor(SealPurpose.DATA_SHARING)).isFalse();
        assertThat(report.purpose()).isEqualTo(SealPurpose.VERIFICATION);
        assertThat(report.sealId()).isEqualTo("VERIFICATION-SJJ-1");
        assertThat(report.result(SealCheck.SEAL_PURPOSE).reason()).contains("电子证明核实信息专用章");
    }

    @Test
    void severalUnitsWithActiveSealsOfAPurposeMustNameTheSeal() {
        hub.module.registry().create(SealPurpose.DATA_SHARING, "GAJ", SealAlgorithm.DEFAULT);

        assertThatThrownBy(() -> hub.module.sealer().prepare(SealFixture.proof("x"), SealPurpose.DATA_SHARING))
                .isInstanceOf(SealStateException.class)
                .hasMessageContaining("DATA_SHARING-SJJ-1").hasMessageContaining("DATA_SHARING-GAJ-1");
        assertThat(hub.module.sealer().prepare(SealFixture.proof("x"), SealPurpose.DATA_SHARING, "DATA_SHARING-GAJ-1")
                .seal().unitCode()).isEqualTo("GAJ");
    }

    @Test
    void aSecondActiveSealForTheSameUnitAndPurposeIsRefused() {
        assertThatThrownBy(() -> hub.module.registry().create(SealPurpose.DATA_SHARING, "SJJ", SealAlgorithm.SM2_SM3))
                .isInstanceOf(SealStateException.class).hasMessageContaining("rotate");
    }

    @Test
    void theSealCertificateCarriesPolicyExtendedKeyUsageAndKeyUsageOfItsPurpose() throws Exception {
        X509Certificate certificate = dataSharing.certificate();

        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.4.1.99999.2.1");
        assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.extendedKeyUsage.getId(),
                Extension.keyUsage.getId());
        CertificatePolicies policies = CertificatePolicies.fromExtensions(
                new JcaX509CertificateHolder(certificate).getExtensions());
        assertThat(policies.getPolicyInformation()).singleElement()
                .satisfies(p -> assertThat(p.getPolicyIdentifier().getId()).isEqualTo(SealPurpose.DATA_SHARING.policyOid()));
        boolean[] keyUsage = certificate.getKeyUsage();
        assertThat(keyUsage[0]).as("digitalSignature").isTrue();
        assertThat(keyUsage[1]).as("nonRepudiation").isTrue();
        assertThat(keyUsage[5]).as("keyCertSign").isFalse();
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=DATA_SHARING-SJJ-1");
    }

    @Test
    void purposeOidsAreDistinctAndUnderTheOneArc() {
        for (SealPurpose purpose : SealPurpose.values()) {
            assertThat(purpose.policyOid()).startsWith(ProofHubOids.CERTIFICATE_POLICY_ARC + ".");
            assertThat(purpose.extendedKeyUsageOid()).startsWith(ProofHubOids.EXTENDED_KEY_USAGE_ARC + ".");
            assertThat(SealPurpose.fromPolicyOid(purpose.policyOid())).contains(purpose);
            assertThat(SealPurpose.fromExtendedKeyUsageOid(purpose.extendedKeyUsageOid())).contains(purpose);
        }
    }
}
