package org.proofhub.hub.proof.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.proof.ProofDisplay.SealMark;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealPurpose;

/** Letters other than proofs: several pages when needed, the shipped font, the PAdES seal of proofs. */
class LetterDocumentTest {
    @TempDir
    Path directory;

    static Letter letter(int paragraphs, SealMark seal) {
        List<String> many = new ArrayList<>(Collections.nCopies(paragraphs,
                "申请人对住所（经营场所）享有合法使用权，该场所符合规划及安全要求；市场监管部门通过“双随机、一公开”抽查核实住所。"));
        return new Letter("GZ-示例-0001", "住所（经营场所）使用证明告知承诺书", "告知书",
                List.of(new Letter.Section(null, List.of("按《中华人民共和国行政许可法》及相关法律法规规定，示例市市场监督管理局就企业设立登记无证明办理告知如下：")),
                        new Letter.Section("一、法律、法规、规章及行业规范的有关规定", many),
                        new Letter.Section("二、办理条件", List.of("申请人对住所（经营场所）享有合法使用权。"))),
                List.of("政务部门：示例市市场监督管理局", "2026年3月2日"), seal, ProofPdfFixture.NOW, List.of("告知承诺书编号 GZ-示例-0001 · 清单版本 2026.1"));
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(d).replaceAll("\\s+", "");
        }
    }

    static int pages(byte[] pdf) throws Exception {
        try (PDDocument d = Loader.loadPDF(pdf)) {
            return d.getNumberOfPages();
        }
    }

    @Test
    void aLongLetterFlowsOverPagesWithPageNumbers() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        LetterDocument letters = LetterDocument.pdfBox(hub.seals, hub.clock);
        byte[] pdf = letters.render(letter(30, null));
        assertThat(pages(pdf)).isGreaterThan(1);
        String text = text(pdf);
        assertThat(text).contains("住所（经营场所）使用证明告知承诺书").contains("告知书").contains("一、法律、法规、规章及行业规范的有关规定")
                .contains("二、办理条件").contains("政务部门：示例市市场监督管理局").contains("第1页共" + pages(pdf) + "页");
        assertThat(letters.render(letter(30, null))).as("the same letter gives the same bytes").isEqualTo(pdf);
    }

    @Test
    void aSealedLetterCarriesTheHubsPadesSignature() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        LetterDocument letters = LetterDocument.pdfBox(hub.seals, hub.clock);
        byte[] pdf = letters.renderSealed(letter(2, new SealMark("示例市政务服务和大数据管理局", SealPurpose.DATA_SHARING)));
        IndependentPadesCheck.Outcome outcome = IndependentPadesCheck.check(pdf, hub.seals.trustAnchors().certificates());
        assertThat(outcome.failure()).isNull();
        assertThat(outcome.signer().getSubjectX500Principal().getName()).contains("DATA_SHARING-SJJ-1");
        assertThat(text(pdf)).contains("证照数据共享查询核验专用章");
    }

    @Test
    void aCharacterOutsideTheFontIsRefusedWithoutPrintingIt() {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        LetterDocument letters = LetterDocument.pdfBox(hub.seals, hub.clock);
        Letter odd = new Letter("CN-1", "承诺书", null, List.of(new Letter.Section(null, List.of("申请人：示例𠀀"))), List.of(), null,
                Instant.EPOCH, List.of());
        assertThatThrownBy(() -> letters.render(odd)).isInstanceOf(LetterPdfException.class)
                .hasMessage("letter CN-1: sections[0].paragraphs[0] has a character the letter font (Noto Serif SC, GB 18030 subset) cannot show;"
                        + " fonts/README.md says how to widen it")
                .hasMessageNotContaining("𠀀");
        assertThatThrownBy(() -> letters.renderSealed(letter(1, null))).hasMessageContaining("names no seal");
    }
}
