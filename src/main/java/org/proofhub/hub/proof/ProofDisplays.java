package org.proofhub.hub.proof;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.proofhub.hub.seal.SealPurpose;

/** What the printed proof shows, taken from the sealed content only, so paper and data say the same. */
final class ProofDisplays {
    private static final String SUBJECT_PREFIX = "电子证明 ";

    private ProofDisplays() {
    }

    static ProofDisplay of(JsonNode c, URI hubBase) {
        String proofId = c.path("proofId").asText();
        JsonNode subject = c.path("subject");
        ProofDisplay.Subject who = "ORGANISATION".equals(subject.path("type").asText())
                ? ProofDisplay.Subject.organisation(subject.path("name").asText(), subject.path("id").asText())
                : ProofDisplay.Subject.person(subject.path("name").asText(), subject.path("id").asText());
        List<ProofDisplay.Fact> facts = new ArrayList<>();
        String name = subject.path("name").asText();
        String id = subject.path("id").asText();
        // the page prints the subject's name and ID in its own rows, and its own closing sentence
        c.path("facts").forEach(f -> {
            String shown = f.path("display").asText();
            if (!shown.equals(name) && !shown.equals(id)) {
                facts.add(new ProofDisplay.Fact(f.path("label").asText(), shown));
            }
        });
        JsonNode a = c.path("annotation");
        SealPurpose purpose = SealPurpose.valueOf(c.path("seal").path("purpose").asText());
        return new ProofDisplay(proofId, c.path("title").asText(),
                new ProofDisplay.ServiceItem(c.path("serviceItem").path("name").asText(), c.path("serviceItem").path("code").asText()),
                c.path("applicationId").asText(), who, facts,
                new ProofDisplay.Annotation(a.path("extractingUnit").path("name").asText(), a.path("producingUnit").path("name").asText(),
                        Instant.parse(a.path("extractionTime").asText())),
                Instant.parse(c.path("issuedAt").asText()), LocalDate.parse(c.path("validUntil").asText()),
                new ProofDisplay.SealMark(sealUnitName(c, purpose), purpose), VerificationLink.of(hubBase, proofId, c));
    }

    /** The data-sharing seal is the extracting side's (the hub's); a verification seal is the issuing unit's. */
    private static String sealUnitName(JsonNode c, SealPurpose purpose) {
        JsonNode a = c.path("annotation");
        return purpose == SealPurpose.VERIFICATION ? a.path("producingUnit").path("name").asText() : c.path("seal").path("unitName").asText(
                a.path("extractingUnit").path("name").asText());
    }

    /** The proof id a signed proof PDF names in its document information (inside the signed range). */
    static String proofIdOfPdf(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String subject = doc.getDocumentInformation().getSubject();
            return subject != null && subject.startsWith(SUBJECT_PREFIX) ? subject.substring(SUBJECT_PREFIX.length()).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
