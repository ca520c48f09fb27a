package org.proofhub.hub.proof.pdf;

import org.proofhub.hub.proof.pdf.internal.PdfBoxSignatureReader;

/**
 * What a {@link org.proofhub.hub.seal.SealVerifier} needs from a sealed proof PDF: the bytes its signature
 * covers ({@code /ByteRange}) and the CMS from {@code /Contents} without the zero padding. Then
 * {@code verifier.verify(parts.signedBytes(), parts.cms(), anchors, crls, now)} checks the PDF like any
 * other sealed proof.
 *
 * @param signedBytes the two signed ranges of the file, joined
 * @param cms         the DER CMS SignedData, cut to its own length
 */
public record SignedPdfParts(byte[] signedBytes, byte[] cms) {

    /**
     * Reads the one signature of {@code pdf}.
     *
     * @throws UnreadableProofPdfException when the file is no PDF, has not exactly one signature, or the
     *                                     signature does not cover the whole file (something was appended)
     */
    public static SignedPdfParts of(byte[] pdf) {
        return PdfBoxSignatureReader.read(pdf);
    }
}
