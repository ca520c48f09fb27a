package org.proofhub.hub.proof.pdf;

import java.time.Clock;
import org.proofhub.hub.proof.pdf.internal.PdfBoxLetterDocument;
import org.proofhub.hub.seal.Sealer;
import org.proofhub.hub.seal.SigningToken;

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

    static LetterDocument pdfBox(Sealer sealer, SigningToken token, Clock clock) {
        return new PdfBoxLetterDocument(sealer, token, clock);
    }
}
