package org.proofhub.hub.proof.pdf;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.proofhub.hub.proof.ProofDisplay;

/**
 * A printed letter of the hub other than a proof, e.g. a notification letter (告知书) or a commitment
 * letter (承诺书): numbered sections of Chinese text, the signature lines, and the seal printed over them.
 * As with proofs, the caller decides every word; the renderer lays it out over as many A4 pages as it needs.
 *
 * @param number         the letter's number (编号), printed at the top right
 * @param title          e.g. 住所（经营场所）使用证明告知承诺书
 * @param subtitle       e.g. 告知书 / 承诺书; may be null
 * @param sections       in order; a section without heading is a plain paragraph block
 * @param signatureLines right-aligned at the end (unit or applicant, date); the seal is printed over the last two
 *                       (the sealing unit and the date)
 * @param seal           the seal printed and, for {@link LetterDocument#renderSealed}, the purpose whose seal signs;
 *                       null for an unsealed template
 * @param issuedAt       the letter's time (also the PDF's creation date: the same letter gives the same bytes)
 * @param footer         small grey lines at the bottom of every page
 */
public record Letter(String number, String title, String subtitle, List<Section> sections, List<String> signatureLines,
                     ProofDisplay.SealMark seal, Instant issuedAt, List<String> footer) {

    public Letter {
        Objects.requireNonNull(number, "letter number");
        Objects.requireNonNull(title, "title of letter " + number);
        sections = List.copyOf(Objects.requireNonNull(sections, "sections of letter " + number));
        signatureLines = List.copyOf(signatureLines == null ? List.of() : signatureLines);
        Objects.requireNonNull(issuedAt, "issuedAt of letter " + number);
        footer = List.copyOf(footer == null ? List.of() : footer);
    }

    /** A heading (一、…) and its paragraphs; each paragraph is indented by two characters. */
    public record Section(String heading, List<String> paragraphs) {
        public Section {
            paragraphs = List.copyOf(paragraphs == null ? List.of() : paragraphs);
        }
    }
}
