package org.proofhub.hub.proof.pdf.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.proofhub.hub.proof.pdf.Letter;
import org.proofhub.hub.proof.pdf.LetterDocument;
import org.proofhub.hub.proof.pdf.LetterPdfException;
import org.proofhub.hub.seal.SealModule;

/** {@link LetterDocument} with PDFBox, in the shipped font, sealed as PAdES like proofs. */
public final class PdfBoxLetterDocument implements LetterDocument {

    private final SealModule seals;
    private final Clock clock;
    private final boolean validationData;

    public PdfBoxLetterDocument(SealModule seals, Clock clock, boolean validationData) {
        this.seals = seals;
        this.clock = clock;
        this.validationData = validationData;
    }

    @Override
    public byte[] render(Letter letter) {
        requirePrintable(letter);
        try (PDDocument document = new PDDocument()) {
            document.setVersion(1.7f);
            ShippedType0Font type0 = new ShippedType0Font(document, ShippedFont.get());
            List<List<LetterLayout.Step>> pages = LetterLayout.layout(letter, new PageCanvas(null, type0));
            for (List<LetterLayout.Step> steps : pages) {
                PDPage page = new PDPage(LetterLayout.PAGE);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    PageCanvas canvas = new PageCanvas(content, type0);
                    for (LetterLayout.Step step : steps) {
                        step.draw(canvas);
                    }
                }
            }
            describe(document, letter);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new LetterPdfException(letter.number(), "PDF cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] renderSealed(Letter letter) {
        if (letter.seal() == null) {
            throw new LetterPdfException(letter.number(), "names no seal: a sealed letter needs the seal it is printed with", null);
        }
        byte[] rendered = render(letter);
        try {
            return PadesSigning.sign(rendered, letter.seal().unitName(), letter.seal().purpose().label() + "：" + letter.title() + " "
                    + letter.number(), letter.seal().purpose(), seals, validationData, clock.instant());
        } catch (IOException e) {
            throw new LetterPdfException(letter.number(), "PAdES signature cannot be added: " + e.getMessage(), e);
        }
    }

    /** Metadata from the letter only, and an id derived from it, so that the same letter renders to the same bytes. */
    private static void describe(PDDocument document, Letter letter) {
        PDDocumentInformation information = document.getDocumentInformation();
        information.setTitle(letter.title() + (letter.subtitle() == null ? "" : " " + letter.subtitle()) + " " + letter.number());
        information.setSubject(letter.number());
        information.setAuthor(letter.seal() == null ? "Proof Hub" : letter.seal().unitName());
        information.setCreator("Proof Hub");
        information.setProducer("Proof Hub (Apache PDFBox)");
        information.setCreationDate(PadesSigning.chinaCalendar(letter.issuedAt()));
        byte[] id = Arrays.copyOf(sha256(letter.toString()), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    /**
     * Refuses, before drawing, a text the shipped font cannot show. Letters carry the applicant's name and
     * address, so the message names the place in the letter, never the character.
     */
    private static void requirePrintable(Letter letter) {
        List<String[]> texts = new ArrayList<>();
        texts.add(new String[]{"title", letter.title()});
        texts.add(new String[]{"subtitle", letter.subtitle()});
        for (int i = 0; i < letter.sections().size(); i++) {
            Letter.Section s = letter.sections().get(i);
            texts.add(new String[]{"sections[" + i + "].heading", s.heading()});
            for (int j = 0; j < s.paragraphs().size(); j++) {
                texts.add(new String[]{"sections[" + i + "].paragraphs[" + j + "]", s.paragraphs().get(j)});
            }
        }
        for (int i = 0; i < letter.signatureLines().size(); i++) {
            texts.add(new String[]{"signatureLines[" + i + "]", letter.signatureLines().get(i)});
        }
        for (int i = 0; i < letter.footer().size(); i++) {
            texts.add(new String[]{"footer[" + i + "]", letter.footer().get(i)});
        }
        for (String[] text : texts) {
            OptionalInt missing = text[1] == null ? OptionalInt.empty() : ShippedFont.get().firstMissing(text[1]);
            if (missing.isPresent()) {
                throw new LetterPdfException(letter.number(), text[0] + " has a character the letter font (" + ShippedFont.DESCRIPTION
                        + ") cannot show; fonts/README.md says how to widen it", null);
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
