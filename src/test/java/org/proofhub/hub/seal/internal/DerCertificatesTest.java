package org.proofhub.hub.seal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealModule;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealSettings;
import org.proofhub.hub.seal.TestKeyStores;
import org.proofhub.hub.support.MutableClock;

/** The hub's certificates as DER trees: encoded, they are exactly the certificates' bytes, and DER throughout. */
class DerCertificatesTest {
    @TempDir
    Path directory;

    @Test
    void everySealAndTimeStampCertificateBecomesADerTreeOfTheSameBytes() throws Exception {
        TestKeyStores.useCheapKeyDerivation();
        SealModule module = SealModule.open(SealSettings.of(directory, "test-only-password".toCharArray()),
                new MutableClock(Instant.parse("2026-03-02T01:30:00Z")));
        List<X509Certificate> certificates = new ArrayList<>(module.timeStampAuthority().certificateChain());
        for (SealAlgorithm algorithm : SealAlgorithm.values()) {
            certificates.addAll(module.registry().create(SealPurpose.DATA_SHARING, "UNIT" + algorithm.ordinal(), algorithm).certificateChain());
        }
        assertThat(certificates).hasSizeGreaterThan(3);
        for (X509Certificate c : certificates) {
            X509CertificateHolder holder = DerCertificates.holder(c);
            assertThat(holder.getEncoded()).isEqualTo(c.getEncoded());
            assertThat(holder.toASN1Structure().getEncoded(ASN1Encoding.DER)).isEqualTo(c.getEncoded());
            assertThat(derThroughout(holder.toASN1Structure().toASN1Primitive())).as(c.getSubjectX500Principal().getName()).isTrue();
        }
    }

    /** Every sequence in the tree is a DER sequence (a parsed certificate's are "DL" ones). */
    private static boolean derThroughout(ASN1Primitive p) {
        if (p instanceof ASN1Sequence s) {
            if (!(s instanceof DERSequence)) {
                return false;
            }
            for (var e : s) {
                if (!derThroughout(e.toASN1Primitive())) {
                    return false;
                }
            }
        }
        return true;
    }
}
