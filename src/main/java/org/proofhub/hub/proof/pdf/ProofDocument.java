package org.proofhub.hub.proof.pdf;

import java.time.Clock;

import org.proofhub.hub.proof.ProofDisplay;
import org.proofhub.hub.proof.pdf.internal.PdfBoxProofDocument;
import org.proofhub.hub.seal.SealModule;

/**
 * The human-readable e-proof: one A4 page in Chinese with the facts, the SPEC §3.3 annotation, a red seal
 * drawn over the sealing unit's line and a QR code of the {@link org.proofhub.hub.proof.VerificationLink},
 * set in the font the hub ships (never a font of the machine), and signed as PAdES with the hub's seal.
 */
public interface ProofDocument {

    /**
     * The unsigned PDF. The same display data give the same bytes: every time printed comes from
     * {@code proof}, none from the clock.
     *
     * @throws ProofRenderingException when a text has a character the shipped font lacks, or the proof does
     *                                 not fit on one page
     */
    byte[] render(ProofDisplay proof);

    /**
     * The PDF signed as PAdES ({@code ETSI.CAdES.detached}, time-stamped) through the three sealing steps,
     * with the active seal of {@code proof.seal().purpose()}.
     *
     * @throws ProofRenderingException as {@link #render}
     * @throws ProofSealingException   when the signature cannot be added to the PDF
     * @throws org.proofhub.hub.seal.SealException when the seal refuses (none active, expired, ...)
     */
    byte[] renderSealed(ProofDisplay proof);

    /** Renders with PDFBox and seals with {@code seals}' active seal of the purpose; {@code clock} gives {@code /M}. */
    static ProofDocument pdfBox(SealModule seals, Clock clock) {
        return pdfBox(seals, clock, false);
    }

    /**
     * As {@link #pdfBox(SealModule, Clock)}; with {@code validationData} the document security store (PAdES-LT's DSS) in the
     * signed revision holds the seal's and the TSA's certificates and their issuers' current CRLs.
     */
    static ProofDocument pdfBox(SealModule seals, Clock clock, boolean validationData) {
        return new PdfBoxProofDocument(seals, clock, validationData);
    }
}
