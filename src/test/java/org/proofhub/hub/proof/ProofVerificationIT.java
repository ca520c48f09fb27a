package org.proofhub.hub.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.HubApplication;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealPurposeMismatchException;
import org.proofhub.hub.seal.SealRegistry;
import org.proofhub.hub.seal.Sealer;
import org.proofhub.hub.support.Demo;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.RunDirectories;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Anyone holding an e-proof can verify it, and standard tools agree with the hub: tampering is caught
 * with its reason; openssl verifies the exported signature; the PDF's seal and QR code lead to a
 * valid verification; seal rotation and SM2 keep old proofs verifiable; the offline command works.
 */
class ProofVerificationIT extends HubIT {
    static final Path WORK = RunDirectories.next("proof-it");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    DemoDepartments departments;
    @Autowired
    CanonicalRecords records;
    @Autowired
    SealRegistry seals;
    @Autowired
    Sealer sealer;
    @Autowired
    JdbcTemplate jdbc;
    Demo demo;

    @BeforeEach
    void setUp() throws IOException {
        demo = new Demo(departments, records);
        Files.createDirectories(WORK);
    }

    Map<String, Object> issue(int n) {
        String[] p = demo.person(n);
        Map<String, Object> body = Map.of("serviceItemCode", "350100-MZ-0001", "proofType", "household-registration", "applicationId", "APP-V-" + n,
                "purpose", "最低生活保障申请户籍核验", "subject", Map.of("name", p[0], "citizenId", p[1]));
        Map<String, Object> r = rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/proofs/queries", new HttpEntity<>(body), Map.class).getBody();
        assertThat(r).containsKey("proofId");
        return r;
    }

    Map<String, Object> verify(byte[] content, String signature) {
        return rest.postForEntity("/api/public/proofs/verify", Map.of("contentBase64", Base64.getEncoder().encodeToString(content),
                "signature", signature), Map.class).getBody();
    }

    byte[] get(String path) {
        return rest.withBasicAuth("window.agent", "hub-demo").getForEntity(path, byte[].class).getBody();
    }

    @Test
    void tamperingWithContentSignatureOrPdfIsCaughtWithTheReason() {
        Map<String, Object> proof = issue(11);
        byte[] content = Json.bytes(proof.get("content"));
        String sig = (String) proof.get("signature");
        assertThat(verify(content, sig).get("valid")).isEqualTo(true);

        byte[] altered = content.clone();
        int at = new String(content).indexOf("户籍登记地址为") + 30;
        altered[at] = (byte) (altered[at] ^ 0x01);
        Map<String, Object> badContent = verify(altered, sig);
        assertThat(badContent.get("valid")).isEqualTo(false);
        assertThat(ProofQueryIT.checks(badContent)).anySatisfy(c -> assertThat(c).containsEntry("status", "FAILED")
                .hasEntrySatisfying("name", n -> assertThat(n.toString()).isIn("seal.CONTENT_DIGEST", "CONTENT_FORMAT")));

        byte[] s = Base64.getDecoder().decode(sig);
        s[s.length / 2] ^= 0x01;
        assertThat(verify(content, Base64.getEncoder().encodeToString(s)).get("valid")).isEqualTo(false);

        byte[] pdf = get("/api/proofs/" + proof.get("proofId") + "/pdf?purpose=打印");
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        Map<String, Object> pdfOk = postPdf(pdf);
        assertThat(pdfOk.get("valid")).as("%s", pdfOk).isEqualTo(true);
        byte[] badPdf = pdf.clone();
        badPdf[12] ^= 0x01; // inside the signed range (the header comment), the file still parses
        assertThat(postPdf(badPdf).get("valid")).isEqualTo(false);
        // both presentations are in the audit trail, with the PDF's own seal in the verdict
        List<String> audited = jdbc.queryForList("""
                select detail from (
                    select at, detail from audit_pending where action = 'PROOF_VERIFIED'
                    union all select at, detail from audit_log where action = 'PROOF_VERIFIED') e
                where detail like ? and detail like '%"via":"pdf"%' order by at""", String.class, "%\"proofId\":\"" + proof.get("proofId") + "\"%");
        assertThat(audited).extracting(d -> d.contains("\"valid\":true")).containsExactly(true, false);
    }

    @Test
    void pdfsAreKeptAsTheyAreWithoutACompressionAttempt() {
        // PDFs are compressed already: pglz would run over each one and then keep it uncompressed (V16)
        assertThat(jdbc.queryForList("select c.relname || '.' || a.attname || '=' || a.attstorage::text from pg_attribute a"
                        + " join pg_class c on c.oid = a.attrelid where (c.relname, a.attname) in (('eproof_pdf', 'pdf'),"
                        + " ('commitment', 'notification_pdf'), ('commitment', 'letter_pdf'))", String.class))
                .containsExactlyInAnyOrder("eproof_pdf.pdf=e", "commitment.notification_pdf=e", "commitment.letter_pdf=e");
        Map<String, Object> proof = issue(17);
        byte[] pdf = get("/api/proofs/" + proof.get("proofId") + "/pdf?purpose=打印");
        assertThat(jdbc.queryForObject("select pg_column_compression(pdf) is null and octet_length(pdf) = ? from eproof_pdf where proof_id = ?",
                Boolean.class, pdf.length, proof.get("proofId"))).isTrue();
    }

    Map<String, Object> postPdf(byte[] pdf) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_PDF);
        return rest.postForEntity("/api/public/proofs/verify-pdf", new HttpEntity<>(pdf, h), Map.class).getBody();
    }

    @Test
    void opensslAndPdfsigAgreeWithTheHub() throws Exception {
        Map<String, Object> proof = issue(12);
        Path dir = unzip(get("/api/proofs/" + proof.get("proofId") + "/bundle"), "openssl");
        Process p = new ProcessBuilder("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", dir.resolve("proof.p7s").toString(),
                "-content", dir.resolve("proof.json").toString(), "-CAfile", dir.resolve("roots.pem").toString(), "-purpose", "any",
                "-out", dir.resolve("out.json").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("Verification successful");

        byte[] content = Files.readAllBytes(dir.resolve("proof.json"));
        content[content.length - 3] ^= 0x01;
        Files.write(dir.resolve("proof.json"), content);
        Process bad = new ProcessBuilder("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", dir.resolve("proof.p7s").toString(),
                "-content", dir.resolve("proof.json").toString(), "-CAfile", dir.resolve("roots.pem").toString(), "-purpose", "any",
                "-out", dir.resolve("out.json").toString()).redirectErrorStream(true).start();
        bad.getInputStream().readAllBytes();
        assertThat(bad.waitFor()).isNotZero();

        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdfsig")), "pdfsig missing: apt-get install -y poppler-utils (.ci/run does)");
        Process pdfsig = new ProcessBuilder("pdfsig", dir.resolve("proof.pdf").toString()).redirectErrorStream(true).start();
        String report = new String(pdfsig.getInputStream().readAllBytes());
        pdfsig.waitFor();
        assertThat(report).contains("Signature is Valid").contains("ETSI.CAdES.detached");
    }

    @Test
    void theQrCodeOnThePrintedProofLeadsToAValidVerification() throws Exception {
        Map<String, Object> proof = issue(13);
        byte[] pdf = get("/api/proofs/" + proof.get("proofId") + "/pdf?purpose=打印");
        BufferedImage page;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            page = new PDFRenderer(doc).renderImageWithDPI(0, 200);
        }
        // a scanner looks for a QR code, and looks hard: without these hints the reader tries every format at a
        // quick pass and missed the code on some pages (one CI-like run in several, with another proof's content each time)
        String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(page))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        URI link = URI.create(text);
        assertThat(link.getPath()).isEqualTo("/verify/" + proof.get("proofId"));
        String digest = link.getQuery().substring(2);
        Map<String, Object> byCode = rest.getForEntity("/api/public/proofs/" + proof.get("proofId") + "/verification?d=" + digest, Map.class).getBody();
        assertThat(byCode.get("valid")).isEqualTo(true);
        String html = rest.getForEntity(link.getPath() + "?" + link.getQuery(), String.class).getBody();
        assertThat(html).contains("有效 · Valid").contains("内容格式（CONTENT_FORMAT）</td><td>通过").doesNotContain("PASSED").doesNotContain(((Map<?, ?>) ((Map<?, ?>) proof.get("content")).get("subject")).get("id").toString());
        String wrong = rest.getForEntity(link.getPath() + "?d=" + "A".repeat(43), String.class).getBody();
        assertThat(wrong).contains("无效 · Invalid");
    }

    @Test
    void rotationKeepsOldProofsValidAndSm2RoundTrips() throws Exception {
        Map<String, Object> before = issue(14);
        String oldSeal = ((Map<?, ?>) ((Map<?, ?>) before.get("content")).get("seal")).get("id").toString();
        Map<?, ?> sm2 = rest.withBasicAuth("admin", "hub-demo").postForEntity("/api/seals/" + oldSeal + "/rotate",
                Map.of("algorithm", "SM2_SM3"), Map.class).getBody();
        assertThat(sm2.get("algorithm")).isEqualTo("SM2_SM3");
        try {
            Map<String, Object> after = issue(15);
            for (Map<String, Object> p : List.of(before, after)) {
                assertThat(verify(Json.bytes(p.get("content")), (String) p.get("signature")).get("valid")).isEqualTo(true);
            }
            Map<String, Object> report = verify(Json.bytes(after.get("content")), (String) after.get("signature"));
            assertThat(report.get("sealAlgorithm")).isEqualTo("SM2_SM3");
            // SM2 round trip: export, verify offline with Bouncy Castle only
            Path bundle = WORK.resolve("sm2.zip");
            Files.write(bundle, get("/api/proofs/" + after.get("proofId") + "/bundle"));
            var offline = OfflineVerification.verify(OfflineVerification.readBundle(bundle),
                    OfflineVerification.anchors(rest.getForEntity("/api/public/seals/roots.pem", String.class).getBody().getBytes()),
                    Instant.now(), null, null);
            assertThat(offline.valid()).as(offline.summary()).isTrue();
            assertThat(offline.sealAlgorithm()).isEqualTo("SM2_SM3");
        } finally {
            rest.withBasicAuth("admin", "hub-demo").postForEntity("/api/seals/" + sm2.get("id") + "/rotate",
                    Map.of("algorithm", "ECDSA_P256_SHA256"), Map.class);
        }
        assertThat(verify(Json.bytes(before.get("content")), (String) before.get("signature")).get("valid")).isEqualTo(true);
    }

    @Test
    void theDataSharingSealRefusesToSealAVerificationProof() {
        String dataSharing = seals.activeSeal(SealPurpose.DATA_SHARING, "SJJ").orElseThrow().id();
        assertThatThrownBy(() -> sealer.seal("{\"method\":\"DEPARTMENT_VERIFICATION\"}".getBytes(), SealPurpose.VERIFICATION, dataSharing))
                .isInstanceOf(SealPurposeMismatchException.class).hasMessageContaining(dataSharing);
    }

    @Test
    void theOfflineVerifyCommandChecksABundleWithoutTheHub() throws Exception {
        Map<String, Object> proof = issue(16);
        Path bundle = WORK.resolve("offline.zip");
        Files.write(bundle, get("/api/proofs/" + proof.get("proofId") + "/bundle"));
        Path roots = WORK.resolve("roots.pem");
        Files.writeString(roots, rest.getForEntity("/api/public/seals/roots.pem", String.class).getBody());
        assertThat(runVerify(bundle, roots, "350100-MZ-0001")).startsWith("0:").contains("有效 valid")
                .contains("该证明为事项 350100-MZ-0001（申请 APP-V-16）出具，与现在的用途相符");
        // each reason in English, the Chinese below it, and the verdict in both
        assertThat(runVerify(bundle, roots, "350100-RS-0001")).startsWith("1:").contains("out of purpose")
                .contains("\n" + " ".repeat(40) + "该证明为事项 350100-MZ-0001（申请 APP-V-16）出具，现用于事项 350100-RS-0001（申请 APP-V-16），超出用途\n")
                .contains("无效 invalid: PURPOSE — 该证明为事项 350100-MZ-0001（申请 APP-V-16）出具，现用于事项 350100-RS-0001（申请 APP-V-16），超出用途 — out of purpose");

        Path tampered = WORK.resolve("tampered.zip");
        var files = OfflineVerification.readBundle(bundle);
        byte[] content = files.get("proof.json").clone();
        content[content.length / 2] ^= 0x01;
        files.put("proof.json", content);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tampered))) {
            for (var e : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        assertThat(runVerify(tampered, roots, null)).startsWith("1:").contains("FAILED").contains("内容摘要与签章时不一致");
    }

    String runVerify(Path bundle, Path roots, String item) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HubApplication.class.getName(), "verify", "--bundle", bundle.toString(),
                "--trust", roots.toString()));
        if (item != null) {
            cmd.addAll(List.of("--item", item));
        }
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        // a locale without UTF-8, where JDK 17's System.out prints each Chinese character as "?": the command writes UTF-8 anyway
        b.environment().put("LC_ALL", "C");
        b.environment().put("LANG", "C");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return p.waitFor() + ":" + out;
    }

    static Path unzip(byte[] zip, String name) throws IOException {
        Path dir = WORK.resolve(name);
        Files.createDirectories(dir);
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Files.write(dir.resolve(e.getName()), in.readAllBytes());
            }
        }
        return dir;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }
}
