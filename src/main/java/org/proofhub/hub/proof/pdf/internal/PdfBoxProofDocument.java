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
import org.proofhub.hub.proof.ProofDisplay;
import org.proofhub.hub.proof.ProofDisplay.Fact;
import org.proofhub.hub.proof.pdf.ProofDocument;
import org.proofhub.hub.proof.pdf.ProofRenderingException;
import org.proofhub.hub.proof.pdf.ProofSealingException;
import org.proofhub.hub.seal.SealModule;

/** {@link ProofDocument} with PDFBox: one A4 page in the shipped font, sealed as PAdES by an incremental save. */
public final class PdfBoxProofDocument implements ProofDocument {

    private final SealModule seals;
    private final Clock clock;
    private final boolean validationData;

    public PdfBoxProofDocument(SealModule seals, Clock clock, boolean validationData) {
        this.seals = seals;
        this.clock = clock;
        this.validationData = validationData;
    }

    @Override
    public byte[] render(ProofDisplay proof) {
        requirePrintable(proof);
        try (PDDocument document = new PDDocument()) {
            document.setVersion(1.7f);
            ShippedType0Font type0 = new ShippedType0Font(document, ShippedFont.get());
            List<PDPageContentStream> contents = new ArrayList<>();
            try {
                ProofLayout.draw(proof, type0, () -> {
                    if (!contents.isEmpty()) {
                        contents.get(contents.size() - 1).close();
                    }
                    PDPage page = new PDPage(ProofLayout.PAGE);
                    document.addPage(page);
                    PDPageContentStream content = new PDPageContentStream(document, page);
                    contents.add(content);
                    return new PageCanvas(content, type0);
                });
            } finally {
                if (!contents.isEmpty()) {
                    contents.get(contents.size() - 1).close();
                }
            }
            describe(document, proof);
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new ProofRenderingException(proof.proofId(), "PDF cannot be written: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] renderSealed(ProofDisplay proof) {
        byte[] rendered = render(proof);
        try {
            return PadesSigning.sign(rendered, proof.seal().unitName(), proof.seal().purpose().label() + "：" + proof.title() + " "
                    + proof.proofId(), proof.seal().purpose(), seals, validationData, clock.instant());
        } catch (IOException e) {
            throw new ProofSealingException(proof.proofId(), "PAdES signature cannot be added: " + e.getMessage(), e);
        }
    }

    /**
     * Metadata from the display data only, and a document id derived from the proof id and content digest,
     * so the same proof renders to the same bytes (PDFBox would otherwise make an id from the clock).
     */
    private static void describe(PDDocument document, ProofDisplay proof) throws IOException {
        PDDocumentInformation information = document.getDocumentInformation();
        information.setTitle(proof.title() + " " + proof.proofId());
        information.setSubject("电子证明 " + proof.proofId());
        information.setAuthor(proof.seal().unitName());
        information.setCreator("Proof Hub");
        information.setProducer("Proof Hub (Apache PDFBox)");
        information.setCreationDate(PadesSigning.chinaCalendar(proof.issuedAt()));
        byte[] id = Arrays.copyOf(sha256(proof.proofId() + "\n" + proof.verification().contentDigest()), 16);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    /** Refuses, before drawing anything, a text the shipped font cannot show: it would print as empty boxes. */
    private static void requirePrintable(ProofDisplay proof) {
        for (PrintedText text : printedTexts(proof)) {
            OptionalInt missing = ShippedFont.get().firstMissing(text.value());
            if (missing.isPresent()) {
                // personal data: name the field, not the character, so that the message can be logged
                String character = text.personal() ? "" : String.format(" (U+%04X)", missing.getAsInt());
                throw new ProofRenderingException(proof.proofId(), text.field() + " has a character" + character
                        + " the proof font (" + ShippedFont.DESCRIPTION + ") cannot show; fonts/README.md says how"
                        + " to widen it", null);
            }
        }
    }

    private record PrintedText(String field, String value, boolean personal) {
    }

    private static List<PrintedText> printedTexts(ProofDisplay proof) {
        List<PrintedText> texts = new ArrayList<>(List.of(
                new PrintedText("title", proof.title(), false),
                new PrintedText("serviceItem.name", proof.serviceItem().name(), false),
                new PrintedText("serviceItem.code", proof.serviceItem().code(), false),
                new PrintedText("applicationId", proof.applicationId(), false),
                new PrintedText("subject.nameLabel", proof.subject().nameLabel(), false),
                new PrintedText("subject.name", proof.subject().name(), true),
                new PrintedText("subject.idLabel", proof.subject().idLabel(), false),
                new PrintedText("subject.idNumber", proof.subject().idNumber(), true),
                new PrintedText("annotation.extractingUnit", proof.annotation().extractingUnit(), false),
                new PrintedText("annotation.producingUnit", proof.annotation().producingUnit(), false),
                new PrintedText("seal.unitName", proof.seal().unitName(), false)));
        for (int i = 0; i < proof.facts().size(); i++) {
            Fact fact = proof.facts().get(i);
            texts.add(new PrintedText("facts[" + i + "].label", fact.label(), false));
            texts.add(new PrintedText("facts[" + i + "].value (" + fact.label() + ")", fact.value(), true));
        }
        return texts;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
