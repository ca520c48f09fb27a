package org.proofhub.hub.proof.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofhub.hub.proof.ProofDisplay;
import org.proofhub.hub.proof.ProofDisplay.Fact;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealVerification;

class ProofDocumentTest {

    @TempDir
    Path directory;

    @Test
    void onlyAProofSealSealsAProofAndTheAuditSealPrintsNothing() {
        ProofDisplay p = ProofPdfFixture.residenceProof();
        assertThatThrownBy(() -> new ProofDisplay(p.proofId(), p.title(), p.serviceItem(), p.applicationId(), p.subject(), p.facts(),
                p.annotation(), p.issuedAt(), p.validUntil(), new ProofDisplay.SealMark("示例市大数据局", SealPurpose.COMMITMENT_LETTER),
                p.verification())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COMMITMENT_LETTER");
        assertThatThrownBy(() -> new ProofDisplay.SealMark("示例市大数据局", SealPurpose.AUDIT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pdfsigReportsTheSignatureValidAndTheWholeDocumentSigned() throws Exception {
        Pdfsig.assumeInstalled();
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        Path pdf = write("sealed.pdf", hub.documents.renderSealed(ProofPdfFixture.residenceProof()));

        String report = Pdfsig.report(pdf);

        assertThat(report).contains("Signature #1")
                .contains("Signature Type: ETSI.CAdES.detached")
                .contains("Signature Validation: Signature is Valid.")
                .contains("Total document signed")
                .contains("Signing Hash Algorithm: SHA-256");
    }

    @Test
    void signatureVerifiesWithPlainBouncyCastleAndTheJdkPathValidator() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        byte[] pdf = hub.documents.renderSealed(ProofPdfFixture.residenceProof());

        IndependentPadesCheck.Outcome outcome = IndependentPadesCheck.check(pdf, hub.seals.trustAnchors().certificates());

        assertThat(outcome.failure()).isNull();
        assertThat(outcome.subFilter()).isEqualTo("ETSI.CAdES.detached");
        assertThat(outcome.signer().getSubjectX500Principal().getName()).contains("DATA_SHARING-SJJ-1");
        assertThat(outcome.timeStampTime().toInstant()).isEqualTo(ProofPdfFixture.NOW);
        // the hole between the two ranges is exactly the reserved, zero-padded /Contents
        int[] range = outcome.byteRange();
        assertThat(range[2] - range[1]).isEqualTo(2 * outcome.contentsLength() + 2);
        // 8 KB before the first CMS, then the largest CMS made and a margin
        assertThat(outcome.contentsLength()).isBetween(2 * 1024, 8 * 1024);
        String hole = new String(pdf, range[1], range[2] - range[1], StandardCharsets.US_ASCII);
        assertThat(hole).startsWith("<").endsWith("000000>").matches("<[0-9A-Fa-f]+>");
    }

    @Test
    void theDocumentSecurityStoreHoldsWhatValidatesTheSealOfflineYearsLater() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        byte[] pdf = hub.documentsWithValidationData.renderSealed(ProofPdfFixture.residenceProof());
        IndependentPadesCheck.Outcome outcome = IndependentPadesCheck.check(pdf, hub.seals.trustAnchors().certificates());
        assertThat(outcome.failure()).isNull();
        // the signature covers the whole file but /Contents, so the store it sits in is signed too
        int[] range = outcome.byteRange();
        assertThat(range[2] + range[3]).isEqualTo(pdf.length);

        // read as a third party would: PDFBox finds the catalog's /DSS, the JDK parses what it holds
        List<X509Certificate> certs = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            COSDictionary dss = document.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            assertThat(dss).as("the catalog's /DSS").isNotNull();
            COSArray certStreams = dss.getCOSArray(COSName.getPDFName("Certs"));
            for (int i = 0; i < certStreams.size(); i++) {
                try (InputStream in = ((COSStream) certStreams.getObject(i)).createInputStream()) {
                    certs.add((X509Certificate) x509.generateCertificate(in));
                }
            }
            COSArray crlStreams = dss.getCOSArray(COSName.getPDFName("CRLs"));
            for (int i = 0; i < crlStreams.size(); i++) {
                try (InputStream in = ((COSStream) crlStreams.getObject(i)).createInputStream()) {
                    crls.add((X509CRL) x509.generateCRL(in));
                }
            }
        }
        assertThat(certs).contains(outcome.signer());
        assertThat(certs).anySatisfy(c -> assertThat(c.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.8")); // the TSA's
        assertThat(certs).anySatisfy(c -> assertThat(hub.seals.trustAnchors().certificates()).contains(c));
        assertThat(crls).isNotEmpty();
        for (X509Certificate c : certs) {
            if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                continue;
            }
            X509Certificate issuer = certs.stream().filter(i -> i.getSubjectX500Principal().equals(c.getIssuerX500Principal())).findFirst()
                    .orElseThrow(() -> new AssertionError("the store lacks the issuer of " + c.getSubjectX500Principal()));
            X509CRL crl = crls.stream().filter(r -> r.getIssuerX500Principal().equals(c.getIssuerX500Principal())).findFirst()
                    .orElseThrow(() -> new AssertionError("the store has no CRL of " + c.getIssuerX500Principal()));
            crl.verify(issuer.getPublicKey());
            assertThat(crl.isRevoked(c)).as(c.getSubjectX500Principal() + " revoked").isFalse();
            assertThat(crl.getThisUpdate()).isBeforeOrEqualTo(outcome.timeStampTime());
            assertThat(crl.getNextUpdate()).isAfter(outcome.timeStampTime());
        }
        // the store is the setting's (hub.proof.pdf-validation-data): without it there is none
        try (PDDocument plain = Loader.loadPDF(hub.documents.renderSealed(ProofPdfFixture.residenceProof()))) {
            assertThat(plain.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"))).isNull();
        }
        Pdfsig.assumeInstalled();
        assertThat(Pdfsig.report(write("with-dss.pdf", pdf))).contains("Signature is Valid.", "Total document signed");
    }

    @Test
    void signatureDictionaryCarriesTimeReasonAndName() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        byte[] pdf = hub.documents.renderSealed(ProofPdfFixture.residenceProof());

        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature signature = document.getLastSignatureDictionary();
            assertThat(signature.getFilter()).isEqualTo("Adobe.PPKLite");
            assertThat(signature.getSignDate().toInstant()).isEqualTo(ProofPdfFixture.NOW);
            assertThat(signature.getCOSObject().getString(COSName.M)).endsWith("+08'00'");
            assertThat(signature.getReason()).isEqualTo("证照数据共享查询核验专用章：户籍证明 PH-20260302-000123");
            assertThat(signature.getName()).isEqualTo("示例市政务服务和大数据管理局");
        }
    }

    @Test
    void oneChangedByteInTheSignedRangeFailsPdfsigAndTheIndependentCheck() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        byte[] pdf = hub.documents.renderSealed(ProofPdfFixture.residenceProof());
        // the second header line is a comment of high bytes: changing it keeps the file readable for every
        // parser, so whatever fails below fails on the signature, not on the syntax
        int comment = indexOf(pdf, "\n%".getBytes(StandardCharsets.US_ASCII)) + 2;
        assertThat(comment).isBetween(8, 20);
        byte[] tampered = pdf.clone();
        tampered[comment] ^= 0x01;

        IndependentPadesCheck.Outcome outcome = IndependentPadesCheck.check(tampered, hub.seals.trustAnchors().certificates());
        assertThat(outcome.valid()).isFalse();
        assertThat(outcome.failure()).containsIgnoringCase("digest");

        Pdfsig.assumeInstalled();
        String report = Pdfsig.report(write("tampered.pdf", tampered));
        assertThat(report).contains("Signature Validation:").doesNotContain("Signature is Valid.");
        assertThat(Pdfsig.report(write("original.pdf", pdf))).contains("Signature is Valid.");
    }

    @Test
    void theHubsOwnVerifierChecksTheSignedByteRangesToo() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        byte[] pdf = hub.documents.renderSealed(ProofPdfFixture.companyStatusProof());

        SealVerification report = hubVerification(hub, pdf);

        assertThat(report.valid()).as(report.summary()).isTrue();
        assertThat(report.isValidFor(SealPurpose.VERIFICATION)).isTrue();
        assertThat(report.sealId()).isEqualTo("VERIFICATION-SCJ-1");
    }

    @Test
    void sm2SealsSignPdfsThatTheHubsVerifierAccepts() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.SM2_SM3);
        byte[] pdf = hub.documents.renderSealed(ProofPdfFixture.residenceProof());

        SealVerification report = hubVerification(hub, pdf);

        assertThat(report.valid()).as(report.summary()).isTrue();
        assertThat(report.algorithm()).isEqualTo(SealAlgorithm.SM2_SM3);
        assertThat(report.isValidFor(SealPurpose.DATA_SHARING)).isTrue();
    }

    @Test
    void theQrCodeReadFromTheRenderedPageIsTheVerificationLink() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        ProofDisplay proof = ProofPdfFixture.residenceProof();
        byte[] pdf = hub.documents.renderSealed(proof);

        BufferedImage page;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            page = new PDFRenderer(document).renderImageWithDPI(0, 200, ImageType.RGB);
        }
        Result decoded = new QRCodeReader().decode(
                new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));

        assertThat(decoded.getText()).isEqualTo(proof.verification().uri().toString())
                .isEqualTo("https://hub.example.gov.cn/verify/PH-20260302-000123?d=" + proof.verification().contentDigest());
    }

    @Test
    void extractedTextHasTheTitleTheAnnotationAndEveryFact() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        ProofDisplay proof = ProofPdfFixture.residenceProof();
        byte[] pdf = hub.documents.renderSealed(proof);

        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
        }

        List<String> expected = new ArrayList<>(List.of("户籍证明", "电子证明标注", "提取单位：示例市中心区政务服务中心",
                "出具单位：示例市公安局中心分局", "提取时间：2026年3月2日09:29:58", "证明编号：PH-20260302-000123",
                "办理事项：城乡居民基本养老保险参保登记", "申请编号：APP-2026-0302-0457", "示例张三", "999999********123X",
                "有效期至2026年4月1日", "示例市政务服务和大数据管理局", "2026年3月2日", proof.verification().contentDigest()));
        for (Fact fact : proof.facts()) {
            expected.add(fact.label());
            expected.add(fact.value().replaceAll("\\s+", ""));
        }
        assertThat(text).contains(expected);
    }

    @Test
    void theShippedFontIsEmbeddedAsASubset() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        byte[] pdf = hub.documents.renderSealed(ProofPdfFixture.residenceProof());

        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDPage page = document.getPage(0);
            List<PDFont> fonts = new ArrayList<>();
            for (COSName name : page.getResources().getFontNames()) {
                fonts.add(page.getResources().getFont(name));
            }
            assertThat(fonts).hasSize(1);
            PDFont font = fonts.get(0);
            assertThat(font).isInstanceOf(PDType0Font.class);
            assertThat(font.isEmbedded()).isTrue();
            assertThat(font.getName()).matches("[A-Z]{6}\\+NotoSerifSC-Regular");
            assertThat(((PDType0Font) font).getDescendantFont().getFontDescriptor().getFontFile2()).isNotNull();
        }
        // a subset: the whole shipped font is 14 MB
        assertThat(pdf.length).isLessThan(200_000);
    }

    @Test
    void theSamePrintedDataGiveTheSameUnsignedBytes() {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);

        assertThat(hub.documents.render(ProofPdfFixture.residenceProof()))
                .isEqualTo(hub.documents.render(ProofPdfFixture.residenceProof()));
    }

    @Test
    void namesWithCharactersBeyondGb2312ArePrinted() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        ProofDisplay proof = ProofPdfFixture.residenceProof();
        // 喆 and 堃 are GBK (not GB 2312), 䶮 is CJK extension A: common enough in names, and in GB 18030
        ProofDisplay rare = new ProofDisplay(proof.proofId(), proof.title(), proof.serviceItem(), proof.applicationId(),
                ProofDisplay.Subject.person("王喆堃䶮", "999999********123X"), proof.facts(), proof.annotation(),
                proof.issuedAt(), proof.validUntil(), proof.seal(), proof.verification());

        byte[] pdf = hub.documents.renderSealed(rare);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains("王喆堃䶮");
        }
    }

    @Test
    void aNameOutsideTheFontIsRefusedWithoutPrintingTheName() {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        ProofDisplay proof = ProofPdfFixture.residenceProof();
        // 𠀀 (U+20000, CJK extension B) is beyond the shipped font (GB 18030's characters of the Basic Multilingual Plane)
        ProofDisplay rare = new ProofDisplay(proof.proofId(), proof.title(), proof.serviceItem(), proof.applicationId(),
                ProofDisplay.Subject.person("示例\uD840\uDC00", "999999********123X"), proof.facts(), proof.annotation(),
                proof.issuedAt(), proof.validUntil(), proof.seal(), proof.verification());

        assertThatThrownBy(() -> hub.documents.render(rare))
                .isInstanceOf(ProofRenderingException.class)
                .hasMessageContaining("PH-20260302-000123")
                .hasMessageContaining("subject.name")
                .hasMessageNotContaining("示例")
                .hasMessageNotContaining("U+20000");
    }

    /**
     * Thirty facts do not fit on one A4 page: the table goes on over a second page, which names the proof and says
     * "（续）", every page is numbered, and the statement, seal and QR code close the last page. The seal covers both pages.
     */
    @Test
    void factsThatDoNotFitOnePageGoOnOverTheNext() throws Exception {
        ProofPdfFixture hub = new ProofPdfFixture(directory.resolve("seals"), SealAlgorithm.DEFAULT);
        ProofDisplay proof = ProofPdfFixture.residenceProof();
        List<Fact> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(new Fact("工作经历" + i, "示例市第" + i + "建筑工程有限公司技术员"));
        }
        ProofDisplay crowded = new ProofDisplay(proof.proofId(), proof.title(), proof.serviceItem(), proof.applicationId(),
                proof.subject(), many, proof.annotation(), proof.issuedAt(), proof.validUntil(), proof.seal(),
                proof.verification());

        byte[] pdf = hub.documents.renderSealed(crowded);

        List<String> pages = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            for (int p = 1; p <= 2; p++) {
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(document).replaceAll("\\s+", ""));
            }
        }
        String first = pages.get(0);
        String last = pages.get(1);
        assertThat(first).contains("户籍证明", "示例张三", "工作经历0", "第1页共2页（电子印章在末页）").doesNotContain("电子证明标注");
        assertThat(last).contains("证明编号：PH-20260302-000123", "户籍证明（续）", "工作经历29", "第2页共2页", "电子证明标注",
                "有效期至2026年4月1日", "示例市政务服务和大数据管理局", proof.verification().contentDigest());
        for (int i = 0; i < 30; i++) {
            assertThat(first.contains("工作经历" + i + "示例市第" + i + "建筑") ^ last.contains("工作经历" + i + "示例市第" + i + "建筑"))
                    .as("fact %d is printed once", i).isTrue();
        }
        assertThat(hubVerification(hub, pdf).valid()).isTrue();
        assertThat(IndependentPadesCheck.check(pdf, hub.seals.trustAnchors().certificates()).failure()).isNull();
    }

    private static SealVerification hubVerification(ProofPdfFixture hub, byte[] pdf) {
        SignedPdfParts parts = SignedPdfParts.of(pdf);
        return hub.seals.verifier().verify(parts.signedBytes(), parts.cms(), hub.seals.trustAnchors(),
                hub.seals.certificateAuthority().currentCrls(), ProofPdfFixture.NOW);
    }

    private Path write(String name, byte[] pdf) throws Exception {
        return Files.write(directory.resolve(name), pdf);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
