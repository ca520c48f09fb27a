package org.proofhub.hub.proof.pdf;

import java.time.Clock;
import org.proofhub.hub.proof.pdf.internal.PdfBoxLetterDocument;
import org.proofhub.hub.seal.SealModule;

/**
 * Letters as PDF in the shipped font, with the same red seal picture and PAdES signature as proofs.
 */
public interface LetterDocument {

    /**
     * The unsigned PDF (for templates, or a letter still to be signed by hand).
     *
     * @throws LetterPdfException when a text has a character the shipped font lacks
     */
    byte[] render(Letter letter);

    /**
     * The PDF signed as PAdES with the active seal of {@code letter.seal().purpose()}.
     *
     * @throws LetterPdfException as {@link #render}, or when the signature cannot be added
     * @throws org.proofhub.hub.seal.SealException when the seal refuses (none active, expired, ...)
     */
    byte[] renderSealed(Letter letter);

    /** Renders with PDFBox and seals with {@code seals}' active seal of the purpose; {@code clock} gives {@code /M}. */
    static LetterDocument pdfBox(SealModule seals, Clock clock) {
        return pdfBox(seals, clock, false);
    }

    /**
     * As {@link #pdfBox(SealModule, Clock)}; with {@code validationData} the document security store (PAdES-LT's DSS) in the
     * signed revision holds the seal's and the TSA's certificates and their issuers' current CRLs.
     */
    static LetterDocument pdfBox(SealModule seals, Clock clock, boolean validationData) {
        return new PdfBoxLetterDocument(seals, clock, validationData);
    }
}
