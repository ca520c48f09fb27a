package org.proofhub.hub.proof;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.proofhub.hub.platform.LocalisedReason;
import org.proofhub.hub.proof.ProofVerificationReport.Check;
import org.proofhub.hub.proof.ProofVerificationReport.Status;
import org.proofhub.hub.proof.pdf.SignedPdfParts;
import org.proofhub.hub.seal.SealVerification;
import org.proofhub.hub.seal.SealVerifier;
import org.proofhub.hub.seal.TrustAnchors;

/**
 * Verifies an exported proof bundle with no hub and no network: the detached seal over the content,
 * the chain to trust anchors the verifier supplies, the CRLs in the bundle, validity and purpose, and
 * the PDF's own PAdES seal. Revocation of the proof after the export cannot be known offline.
 */
public final class OfflineVerification {
    // the JDK's certificate factory knows no SM2 curve
    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    private OfflineVerification() {
    }

    /** The bundle's files by name. */
    public static Map<String, byte[]> readBundle(Path zip) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    public static ProofVerificationReport verify(Map<String, byte[]> bundle, TrustAnchors anchors, Instant now, String item, String application)
            throws CertificateException {
        byte[] content = require(bundle, "proof.json");
        byte[] cms = require(bundle, "proof.p7s");
        List<X509CRL> crls = bundle.containsKey("crls.pem") ? crls(bundle.get("crls.pem")) : List.of();
        SealVerifier verifier = SealVerifier.standard();
        ProofChecks.Result r = ProofChecks.check(content, cms, anchors, crls, now, verifier, item, application);
        List<Check> more = new ArrayList<>();
        if (bundle.containsKey("proof.pdf")) {
            SignedPdfParts parts = SignedPdfParts.of(bundle.get("proof.pdf"));
            SealVerification pdf = verifier.verify(parts.signedBytes(), parts.cms(), anchors, crls, now);
            more.add(new Check("PDF_SEAL", pdf.valid() ? Status.PASSED : Status.FAILED, pdf.valid()
                    ? LocalisedReason.of(ProofReason.PDF_SEAL_VALID, pdf.sealId())
                    : LocalisedReason.of(ProofReason.PDF_SEAL_INVALID, pdf.summary(), pdf.checks().stream()
                    .filter(c -> c.status() != SealVerification.Status.PASSED).findFirst().orElseThrow().because())));
            String pdfProof = ProofDisplays.proofIdOfPdf(bundle.get("proof.pdf"));
            boolean same = r.content() != null && r.content().path("proofId").asText().equals(pdfProof);
            more.add(new Check("PDF_IS_THIS_PROOF", same ? Status.PASSED : Status.FAILED,
                    same ? LocalisedReason.of(ProofReason.PDF_IS_THIS_PROOF) : LocalisedReason.of(ProofReason.PDF_NAMES_ANOTHER_PROOF, pdfProof)));
        }
        more.add(new Check("REVOCATION", Status.NOT_CHECKED, LocalisedReason.of(ProofReason.REVOCATION_OFFLINE)));
        return ProofChecks.report(r, more);
    }

    public static TrustAnchors anchors(byte[] pem) throws CertificateException {
        List<X509Certificate> certs = new ArrayList<>();
        for (var c : CertificateFactory.getInstance("X.509", BC).generateCertificates(new ByteArrayInputStream(pem))) {
            certs.add((X509Certificate) c);
        }
        return new TrustAnchors(certs);
    }

    public static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("certificate cannot be fingerprinted", e);
        }
    }

    private static List<X509CRL> crls(byte[] pem) throws CertificateException {
        List<X509CRL> out = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(pem)) {
            for (var c : CertificateFactory.getInstance("X.509", BC).generateCRLs(in)) {
                out.add((X509CRL) c);
            }
        } catch (java.security.cert.CRLException | IOException e) {
            throw new CertificateException("the bundle's CRLs cannot be read", e);
        }
        return out;
    }

    private static byte[] require(Map<String, byte[]> bundle, String name) {
        byte[] b = bundle.get(name);
        if (b == null) {
            throw new IllegalArgumentException("the bundle has no " + name + "; it is not an e-proof bundle of this hub");
        }
        return b;
    }
}
