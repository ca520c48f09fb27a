package org.proofhub.hub.proof.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.seal.SealAlgorithm;

/**
 * Writes a sealed sample proof and a picture of its page to {@code target/samples/}; with
 * {@code -Dproof.samples=docs/samples} also there, to refresh the samples the documentation shows.
 */
class ProofPdfSampleTest {

    @TempDir
    Path directory;

    @Test
    void writesSampleProofAndPicture() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory, SealAlgorithm.DEFAULT);
        byte[] pdf = hub.documents.renderSealed(ProofPdfFixture.residenceProof());
        BufferedImage page;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            page = new PDFRenderer(document).renderImageWithDPI(0, 110, ImageType.RGB);
        }
        write(Path.of("target", "samples"), pdf, page);
        String refresh = System.getProperty("proof.samples");
        if (refresh != null && !refresh.isBlank()) {
            write(Path.of(refresh), pdf, page);
        }
        assertThat(Files.size(Path.of("target", "samples", "residence-proof.pdf"))).isEqualTo(pdf.length);
    }

    private static void write(Path directory, byte[] pdf, BufferedImage page) throws Exception {
        Files.createDirectories(directory);
        Files.write(directory.resolve("residence-proof.pdf"), pdf);
        ImageIO.write(page, "png", directory.resolve("residence-proof.png").toFile());
    }
}
