package org.proofhub.hub.bench;

import static org.proofhub.hub.bench.Rates.rate;
import static org.proofhub.hub.bench.Rates.report;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.proof.ProofDisplay;
import org.proofhub.hub.proof.pdf.ProofDocument;
import org.proofhub.hub.proof.pdf.ProofPdfFixture;
import org.proofhub.hub.proof.pdf.SignedPdfParts;
import org.proofhub.hub.seal.SealAlgorithm;

/**
 * One-thread rates of rendering and sealing proof PDFs, printed and not asserted. Excluded from the normal
 * run; run with {@code mvn -q -B test -Dtest=ProofPdfRateBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ProofPdfRateBench {

    @TempDir
    Path directory;

    @Test
    void measure() throws Exception {
        ProofDisplay proof = ProofPdfFixture.residenceProof();
        for (SealAlgorithm algorithm : SealAlgorithm.values()) {
            ProofPdfFixture hub = new ProofPdfFixture(directory.resolve(algorithm.name()), algorithm);
            // the real clock, so /M and the time-stamps move on as they do in production
            ProofDocument documents = ProofDocument.pdfBox(hub.seals, Clock.systemUTC());
            if (algorithm == SealAlgorithm.DEFAULT) {
                report("proof PDF render only (A4, embedded GB 2312 font subset, vector seal and QR)",
                        rate(() -> documents.render(proof)));
            }
            report("proof PDF render + PAdES seal, " + algorithm + " (incremental save, CMS + TSA token)",
                    rate(() -> documents.renderSealed(proof)));
            byte[] sealed = documents.renderSealed(proof);
            report("sealed proof PDF: cut out the signature + hub verifier, " + algorithm,
                    rate(() -> {
                        SignedPdfParts parts = SignedPdfParts.of(sealed);
                        hub.seals.verifier().verify(parts.signedBytes(), parts.cms(), hub.seals.trustAnchors(),
                                hub.seals.certificateAuthority().currentCrls(), Instant.now());
                    }));
        }
    }
}
