package org.proofhub.hub.proof.pdf.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.proof.pdf.ProofPdfFixture;
import org.proofhub.hub.proof.pdf.SignedPdfParts;
import org.proofhub.hub.seal.SealAlgorithm;

/** The reserve for the CMS follows the CMSs made, and a CMS larger than it is made again with room. */
class PadesSigningTest {

    @TempDir
    Path directory;

    @AfterEach
    void forget() {
        PadesSigning.assumeLargestCms(0);
    }

    @Test
    void aCmsLargerThanTheReserveIsMadeAgainWithRoomForIt() {
        ProofPdfFixture hub = new ProofPdfFixture(directory, SealAlgorithm.DEFAULT);
        PadesSigning.assumeLargestCms(100); // a reserve of 1.5 KB: a hub CMS does not fit

        byte[] pdf = hub.documents.renderSealed(ProofPdfFixture.residenceProof());

        SignedPdfParts parts = SignedPdfParts.of(pdf);
        var verification = hub.seals.verifier().verify(parts.signedBytes(), parts.cms(), hub.seals.trustAnchors(),
                hub.seals.certificateAuthority().currentCrls(), ProofPdfFixture.NOW);
        assertThat(verification.valid()).isTrue();
        assertThat(parts.cms().length).isGreaterThan(1536);
        // the next reserve has room for it
        assertThat(PadesSigning.reserve()).isGreaterThanOrEqualTo(parts.cms().length + PadesSigning.MARGIN);
    }

    @Test
    void theReserveFollowsTheLargestCms() {
        PadesSigning.assumeLargestCms(0);
        assertThat(PadesSigning.reserve()).isEqualTo(PadesSigning.SIGNATURE_RESERVE);
        PadesSigning.assumeLargestCms(3_600);
        assertThat(PadesSigning.reserve()).isEqualTo(5_120);
    }
}
