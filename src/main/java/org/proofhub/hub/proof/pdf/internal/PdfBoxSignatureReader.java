package org.proofhub.hub.proof.pdf.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.proofhub.hub.proof.pdf.SignedPdfParts;
import org.proofhub.hub.proof.pdf.UnreadableProofPdfException;

/** Finds the signature of a sealed proof PDF with PDFBox and cuts out what a seal verifier checks. */
public final class PdfBoxSignatureReader {

    private PdfBoxSignatureReader() {
    }

    public static SignedPdfParts read(byte[] pdf) {
        int[] range;
        byte[] contents;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            if (signatures.size() != 1) {
                throw new UnreadableProofPdfException(pdf.length, "has " + signatures.size()
                        + " signatures; a sealed proof has exactly one", null);
            }
            range = signatures.get(0).getByteRange();
            contents = signatures.get(0).getContents();
        } catch (IOException e) {
            throw new UnreadableProofPdfException(pdf.length, "is not a readable PDF: " + e.getMessage(), e);
        }
        if (range.length != 4 || range[0] != 0 || range[1] < 0 || range[2] < range[1] || range[3] < 0
                || (long) range[2] + range[3] != pdf.length) {
            // a range short of the end means bytes were added after sealing, which the seal does not cover
            throw new UnreadableProofPdfException(pdf.length, "signature's byte range " + Arrays.toString(range)
                    + " does not cover the whole file", null);
        }
        ByteArrayOutputStream signed = new ByteArrayOutputStream(range[1] + range[3]);
        signed.write(pdf, range[0], range[1]);
        signed.write(pdf, range[2], range[3]);
        return new SignedPdfParts(signed.toByteArray(), withoutPadding(contents, pdf.length));
    }

    /** {@code /Contents} is reserved larger than the CMS and zero-padded; the DER header says where the CMS ends. */
    private static byte[] withoutPadding(byte[] contents, int fileLength) {
        if (contents.length < 2 || contents[0] != 0x30) {
            throw new UnreadableProofPdfException(fileLength, "signature /Contents is not a DER SEQUENCE", null);
        }
        int first = contents[1] & 0xFF;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int octets = first & 0x7F;
            if (octets == 0 || octets > 4 || contents.length < 2 + octets) {
                throw new UnreadableProofPdfException(fileLength, "signature /Contents has no definite DER length", null);
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (contents[2 + i] & 0xFF);
            }
            header = 2 + octets;
        }
        if (header + length > contents.length) {
            throw new UnreadableProofPdfException(fileLength, "signature /Contents is cut short", null);
        }
        return Arrays.copyOf(contents, (int) (header + length));
    }
}
