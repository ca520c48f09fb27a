package org.proofhub.hub.commitment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.catalog.CertificateFreeList;
import org.proofhub.hub.catalog.CertificateFreeLists;
import org.proofhub.hub.catalog.ListEntry;
import org.proofhub.hub.catalog.ServiceItem;
import org.proofhub.hub.commitment.Applicant;
import org.proofhub.hub.proof.ProofDisplay;
import org.proofhub.hub.proof.ProofTypes;
import org.proofhub.hub.proof.pdf.LetterDocument;
import org.proofhub.hub.proof.pdf.ProofPdfFixture;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealPurpose;

/**
 * The letters of 000 appendix B made from the shipped list's entry for 居住证申领: every element of the entry
 * is in the printed notification letter, the applicant and signature in the commitment letter. Writes both
 * with pictures to {@code target/samples/} (and with {@code -Dproof.samples=docs/samples} there).
 */
class CommitmentLetterSampleTest {
    static final Map<String, String> UNITS = Map.of("GAJ", "示例市公安局", "ZJJ", "示例市住房和城乡建设局", "FGW", "示例市发展和改革委员会",
            "SJJ", "示例市大数据局");

    @TempDir
    Path directory;

    @Test
    void theLettersOfTheResidencePermitEntryCarryItsElements() throws Exception {
        ProofTypes types = ProofTypes.load(Path.of("proofs"));
        CertificateFreeList list = CertificateFreeLists.load(Path.of("list/certificate-free-list.yaml"), types.all().keySet());
        ServiceItem item = list.item("350100-GA-0002").orElseThrow();
        ListEntry entry = new ListEntry(list.version(), list.publishedOn(), item, item.entry("premises-use").orElseThrow());
        ProofPdfFixture hub = new ProofPdfFixture(directory, SealAlgorithm.DEFAULT);
        LetterDocument letters = LetterDocument.pdfBox(hub.seals, hub.clock);
        CommitmentLetters.Context context = new CommitmentLetters.Context("CM-20260302-SAMPLE0001", "APP-2026-0302-0457", entry,
                types.find("premises-use").orElseThrow().title(), u -> UNITS.getOrDefault(u, u), "FGW",
                new ProofDisplay.SealMark("示例市大数据局", SealPurpose.COMMITMENT_LETTER), ProofPdfFixture.NOW);

        byte[] notification = letters.renderSealed(CommitmentLetters.notification(context).letter());
        String text = text(notification);
        ServiceItem.Commitment elements = entry.entry().commitment();
        for (String element : new String[]{elements.legalProvisions(), elements.conditions(), elements.supervision(), elements.otherNotices()}) {
            assertThat(text).contains(element.replaceAll("\\s+", ""));
        }
        assertThat(text).contains("住所（经营场所）使用证明告知承诺书").contains("告知书").contains("政务部门：示例市公安局").contains("承诺办结时限为15日");

        Applicant applicant = new Applicant("示例张三", "999999199001010011", null, null, "示例市中心区人民路1号", "0591-00000000");
        CommitmentLetters.Signing signing = new CommitmentLetters.Signing(ProofPdfFixture.NOW, "APPLICANT", "HANDWRITTEN_PAD", "ab".repeat(32),
                null, null, null, null);
        byte[] commitment = letters.renderSealed(CommitmentLetters.commitment(context, applicant, Map.of(), signing).letter());
        assertThat(text(commitment)).contains("承诺书").contains("本人已知悉示例市公安局").contains("申请人（签字盖章）：示例张三")
                .contains("签署时间：2026年3月2日09:30");

        write("commitment-notification", notification);
        write("commitment-letter", commitment);
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d).replaceAll("\\s+", "");
        }
    }

    private static void write(String name, byte[] pdf) throws Exception {
        BufferedImage page;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            page = new PDFRenderer(document).renderImageWithDPI(0, 110, ImageType.RGB);
        }
        for (String dir : new String[]{"target/samples", System.getProperty("proof.samples")}) {
            if (dir != null && !dir.isBlank()) {
                Files.createDirectories(Path.of(dir));
                Files.write(Path.of(dir, name + ".pdf"), pdf);
                ImageIO.write(page, "png", Path.of(dir, name + ".png").toFile());
            }
        }
    }
}
