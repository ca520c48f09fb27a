package org.proofhub.hub.proof;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.platform.LocalisedReason;
import org.proofhub.hub.proof.ProofVerificationReport.Check;
import org.proofhub.hub.proof.ProofVerificationReport.Status;
import org.proofhub.hub.proof.pdf.ProofDocument;
import org.proofhub.hub.proof.pdf.SignedPdfParts;
import org.proofhub.hub.seal.SealModule;
import org.proofhub.hub.seal.SealVerifier;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The archive of issued e-proofs: reading them back, rendering their PDF once, exporting a bundle
 * that standard tools verify offline, revoking, and verifying a presented proof against the archive.
 */
public class ProofArchive {
    private final JdbcTemplate jdbc;
    private final SealModule seals;
    private final SealVerifier verifier;
    private final ProofDocument pdf;
    private final AuditLog audit;
    private final Clock clock;
    private final ProofProperties properties;
    private final VerificationRecorder recorder;
    private io.micrometer.core.instrument.Counter verifiedValid;
    private io.micrometer.core.instrument.Counter verifiedInvalid;

    /** Counts verifications as {@code hub_proofs_verified_total{valid}}. */
    public void meterWith(io.micrometer.core.instrument.MeterRegistry registry) {
        this.verifiedValid = registry.counter("hub.proofs.verified", "valid", "true");
        this.verifiedInvalid = registry.counter("hub.proofs.verified", "valid", "false");
    }

    public ProofArchive(JdbcTemplate jdbc, SealModule seals, ProofDocument pdf, AuditLog audit, Clock clock, ProofProperties properties,
                        VerificationRecorder recorder) {
        this.jdbc = jdbc;
        this.recorder = recorder;
        this.seals = seals;
        this.verifier = seals.verifier();
        this.pdf = pdf;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        meterWith(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    /** An archived proof. */
    public record Stored(String proofId, String proofType, byte[] content, byte[] signature, String digest, String status,
                         Instant revokedAt, String revocationReason, String subjectHash, String issuedUnit) {
    }

    public Optional<Stored> find(String proofId) {
        return jdbc.query("""
                select proof_id, proof_type, content, signature, content_digest, status, revoked_at, revocation_reason, subject_hash, issued_unit
                from eproof where proof_id = ?""", (rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getString(8),
                rs.getString(9), rs.getString(10)), proofId).stream().findFirst();
    }

    public Stored require(String proofId) {
        return find(proofId).orElseThrow(() -> HubException.notFound("proof", "no e-proof " + proofId + " in this hub's archive"));
    }

    /**
     * A person opens an archived proof: only its own unit's people (and admins) may, and only saying why; the read is
     * written to the audit trail ({@code PROOF_READ}, with the subject's keyed hash and the purpose).
     *
     * @throws HubException 400 without a purpose, 403 for another unit's proof, 404 for an unknown one
     */
    public Stored readFor(HubUser user, String proofId, String purpose) {
        if (purpose == null || purpose.isBlank()) {
            throw HubException.badRequest("purpose-required", "say why you open this proof (purpose): every read is recorded");
        }
        Stored s = require(proofId);
        if (!user.unitCode().equals(s.issuedUnit()) && !user.has(Role.ADMIN)) {
            throw new HubException(HttpStatus.FORBIDDEN, "other-unit", "Not your unit's proof",
                    "proof " + proofId + " was issued to another unit's application; only that unit may open it");
        }
        audit.append(new AuditLog.Entry(user.username(), user.unitCode(), "PROOF_READ", s.subjectHash(), purpose, Map.of("proofId", proofId)));
        return s;
    }

    /** A canonical record a proof states facts of (its lineage, {@code eproof_source}): kind, key and the version used. */
    public record SourceRecord(String kind, String key, long version) {
    }

    /** The canonical records {@code proofId} was made from; none for a proof of department verification. */
    public List<SourceRecord> sources(String proofId) {
        return jdbc.query("select kind, record_key, version from eproof_source where proof_id = ? order by kind, record_key",
                (rs, i) -> new SourceRecord(rs.getString(1), rs.getString(2), rs.getLong(3)), proofId);
    }

    /** An archived proof as a list shows it: no content, no subject. */
    public record Summary(String proofId, String proofType, String method, String serviceItemCode, String applicationId, Instant issuedAt,
                          java.time.LocalDate validUntil, String status, Instant revokedAt) {
    }

    /** The proofs issued to {@code unit} for an application of an item, newest first (the item and application index). */
    public List<Summary> ofApplication(String unit, String itemCode, String applicationId) {
        return jdbc.query("""
                select proof_id, proof_type, method, service_item_code, application_id, issued_at, valid_until, status, revoked_at
                from eproof where service_item_code = ? and application_id = ? and issued_unit = ? order by issued_at desc limit 100""",
                (rs, i) -> new Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getObject(7, java.time.LocalDate.class), rs.getString(8),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()),
                itemCode == null ? "" : itemCode.strip(), applicationId == null ? "" : applicationId.strip(), unit);
    }

    /** What the printed proof shows, from the sealed content of a proof just issued (no read of the archive). */
    public ProofDisplay display(IssuedProof p) {
        return ProofDisplays.of(p.content(), URI.create(properties.publicUrl()));
    }

    /** What the printed proof shows, from an archived proof read through {@link #readFor}. */
    public ProofDisplay display(Stored s) {
        return ProofDisplays.of(CanonicalJson.parse(new String(s.content(), StandardCharsets.UTF_8)), URI.create(properties.publicUrl()));
    }

    /**
     * The signed PDF, rendered and sealed on first request and kept ({@code eproof_pdf}). One query reads the stored
     * PDF or, when there is none yet, the content to render it from; the insert keeps it unless a concurrent request
     * kept one first, and then that one is returned, so every caller gets the same PDF.
     */
    public byte[] pdf(String proofId) {
        List<byte[][]> found = jdbc.query("""
                select d.pdf, case when d.pdf is null then e.content end
                from eproof e left join eproof_pdf d on d.proof_id = e.proof_id where e.proof_id = ?""",
                (rs, i) -> new byte[][]{rs.getBytes(1), rs.getBytes(2)}, proofId);
        if (found.isEmpty()) {
            throw HubException.notFound("proof", "no e-proof " + proofId + " in this hub's archive");
        }
        if (found.get(0)[0] != null) {
            return found.get(0)[0];
        }
        JsonNode content = CanonicalJson.parse(new String(found.get(0)[1], StandardCharsets.UTF_8));
        byte[] rendered = pdf.renderSealed(ProofDisplays.of(content, URI.create(properties.publicUrl())));
        if (jdbc.update("insert into eproof_pdf (proof_id, pdf) values (?, ?) on conflict (proof_id) do nothing", proofId, rendered) == 1) {
            return rendered;
        }
        return jdbc.queryForObject("select pdf from eproof_pdf where proof_id = ?", byte[].class, proofId);
    }

    /**
     * A zip with everything an offline verifier needs: the content as sealed, its detached signature,
     * the PDF, the signer's chain, the trust anchors and the current CRLs, and how to check them.
     */
    public byte[] bundle(String proofId) {
        Stored s = require(proofId);
        byte[] signedPdf = pdf(proofId);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, "proof.json", s.content());
            put(zip, "proof.p7s", s.signature());
            put(zip, "proof.pdf", signedPdf);
            put(zip, "roots.pem", seals.trustAnchors().toPem().getBytes(StandardCharsets.US_ASCII));
            put(zip, "chain.pem", pem(signerChain(s)).getBytes(StandardCharsets.US_ASCII));
            put(zip, "crls.pem", crlPem(seals.certificateAuthority().currentCrls()).getBytes(StandardCharsets.US_ASCII));
            put(zip, "status.json", ("{\"proofId\":\"" + proofId + "\",\"status\":\"" + s.status() + "\",\"exportedAt\":\""
                    + clock.instant() + "\"}").getBytes(StandardCharsets.UTF_8));
            put(zip, "README.txt", readme(proofId).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("bundle of " + proofId + " could not be written", e);
        }
        return out.toByteArray();
    }

    public void revoke(String proofId, String reason, HubUser by) {
        if (reason == null || reason.isBlank()) {
            throw HubException.badRequest("reason-required", "say why the proof is revoked");
        }
        Stored s = require(proofId);
        if (!by.unitCode().equals(s.issuedUnit()) && !by.has(Role.ADMIN)) {
            throw new HubException(HttpStatus.FORBIDDEN, "other-unit", "Not your unit's proof",
                    "proof " + proofId + " was issued to another unit's application; its supervisor or an admin revokes it");
        }
        int n = jdbc.update("""
                update eproof set status = 'REVOKED', revoked_at = ?, revoked_by = ?, revocation_reason = ? where proof_id = ? and status = 'VALID'""",
                Timestamp.from(clock.instant()), by.username(), reason, proofId);
        if (n == 0) {
            throw HubException.conflict("already-revoked", "proof " + proofId + " is already revoked");
        }
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "PROOF_REVOKED", s.subjectHash(), reason, Map.of("proofId", proofId)));
    }

    /** Verifies a presented proof (content + detached signature) against the seals and the archive. */
    public ProofVerificationReport verify(byte[] content, byte[] signature, String expectedItem, String expectedApplication) {
        return checkAndRecord(content, signature, expectedItem, expectedApplication, "signature", true);
    }

    /**
     * Checks a proof and records the verification (SPEC §7.3: who asked — the account, or {@code public} without a login —,
     * how, and the result, the subject as the archived keyed hash) in one round trip: a single statement, shared with the
     * verifications of the same moment ({@link VerificationRecorder}), reads the archive's record of the proof and, when
     * there is one, writes the audit entry, whose verdict it completes from that record (the seal and content checks, and
     * {@code validOtherwise} — a PDF's own seal —, are known before; the archive adds "the same content" and "not revoked",
     * as {@link #archiveChecks} does). Two statements per verification were half of its database time and a third of the
     * caller's wait.
     */
    private ProofVerificationReport checkAndRecord(byte[] content, byte[] signature, String expectedItem, String expectedApplication,
                                                   String via, boolean validOtherwise) {
        ProofChecks.Result r = ProofChecks.check(content, signature, seals.trustAnchors(), seals.certificateAuthority().currentCrls(),
                clock.instant(), verifier, expectedItem, expectedApplication);
        String proofId = r.content() == null ? null : r.content().path("proofId").asText(null);
        String digest = VerificationLink.digestOf(content);
        Optional<VerificationRecorder.Archived> stored = Optional.empty();
        if (proofId != null) {
            boolean validBeforeArchive = validOtherwise && r.seal().valid() && r.checks().stream().noneMatch(c -> c.status() == Status.FAILED);
            String who = caller();
            AuditLog.Pending valid = audit.pending(verified(who, proofId, true, via));
            AuditLog.Pending invalid = audit.pending(verified(who, proofId, false, via));
            stored = recorder.record(new VerificationRecorder.Presented(proofId, valid, invalid, validBeforeArchive, digest));
        }
        ProofVerificationReport report = ProofChecks.report(r, archiveChecks(proofId, stored, digest));
        (report.valid() ? verifiedValid : verifiedInvalid).increment();
        return report;
    }

    /** Verifies a presented signed PDF: its PAdES signature, then the archive's record of the proof it names. */
    public ProofVerificationReport verifyPdf(byte[] pdfBytes, String expectedItem, String expectedApplication) {
        SignedPdfParts parts = SignedPdfParts.of(pdfBytes);
        var seal = verifier.verify(parts.signedBytes(), parts.cms(), seals.trustAnchors(), seals.certificateAuthority().currentCrls(), clock.instant());
        List<Check> checks = new ArrayList<>();
        seal.checks().forEach(c -> checks.add(new Check("pdf.seal." + c.check().name(), ProofChecks.status(c.status()), c.because())));
        String proofId = ProofDisplays.proofIdOfPdf(pdfBytes);
        Optional<Stored> stored = proofId == null ? Optional.empty() : find(proofId);
        if (stored.isEmpty()) {
            checks.add(new Check("ISSUED_BY_THIS_HUB", Status.FAILED, LocalisedReason.of(ProofReason.PDF_NOT_IN_ARCHIVE)));
            return new ProofVerificationReport(false, proofId, null, null, null, null, null, null, null, null, seal.sealId(),
                    seal.purpose() == null ? null : seal.purpose().name(), null, seal.timeStampTime(), checks);
        }
        boolean pdfSealValid = seal.valid() && checks.stream().noneMatch(c -> c.status() == Status.FAILED);
        ProofVerificationReport structured = checkAndRecord(stored.get().content(), stored.get().signature(), expectedItem, expectedApplication,
                "pdf", pdfSealValid);
        checks.addAll(structured.checks());
        boolean valid = pdfSealValid && structured.valid();
        return new ProofVerificationReport(valid, structured.proofId(), structured.title(), structured.proofType(), structured.method(),
                structured.serviceItemCode(), structured.applicationId(), structured.producingUnit(), structured.issuedAt(),
                structured.validUntil(), seal.sealId(), seal.purpose() == null ? null : seal.purpose().name(),
                seal.algorithm() == null ? null : seal.algorithm().name(), seal.timeStampTime(), checks);
    }

    /** The audit entry of a verification, without its subject (the archive's keyed hash, taken from the row in the statement). */
    private static AuditLog.Entry verified(String who, String proofId, boolean valid, String via) {
        return new AuditLog.Entry(who, null, "PROOF_VERIFIED", null, null, Map.of("proofId", proofId, "valid", valid, "via", via));
    }

    /** Who asks: the account, or {@code public} without a login. */
    private static String caller() {
        org.springframework.security.core.Authentication who = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        boolean loggedIn = who != null && who.isAuthenticated()
                && !(who instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
        return loggedIn ? who.getName() : "public";
    }

    /**
     * What the QR code's link asks: is the archived proof with this id and digest valid now — and, when they are given,
     * for this item and application?
     */
    public ProofVerificationReport verifyById(String proofId, String digest, String expectedItem, String expectedApplication) {
        Stored s = require(proofId);
        if (digest != null && !digest.equals(s.digest())) {
            return new ProofVerificationReport(false, proofId, null, s.proofType(), null, null, null, null, null, null, null, null, null, null,
                    List.of(new Check("CONTENT_DIGEST", Status.FAILED, LocalisedReason.of(ProofReason.LINK_DIGEST_MISMATCH))));
        }
        return checkAndRecord(s.content(), s.signature(), expectedItem, expectedApplication, "link", true);
    }

    private static List<Check> archiveChecks(String proofId, Optional<VerificationRecorder.Archived> s, String digest) {
        List<Check> checks = new ArrayList<>();
        if (s.isEmpty()) {
            checks.add(new Check("ISSUED_BY_THIS_HUB", Status.WARNING, LocalisedReason.of(ProofReason.NOT_IN_ARCHIVE, proofId)));
            checks.add(new Check("REVOCATION", Status.NOT_CHECKED, LocalisedReason.of(ProofReason.NO_ARCHIVE_RECORD)));
            return checks;
        }
        boolean same = s.get().digest().equals(digest);
        checks.add(new Check("ISSUED_BY_THIS_HUB", same ? Status.PASSED : Status.FAILED, same
                ? LocalisedReason.of(ProofReason.ARCHIVE_SAME_CONTENT) : LocalisedReason.of(ProofReason.ARCHIVE_OTHER_CONTENT, proofId)));
        boolean revoked = "REVOKED".equals(s.get().status());
        checks.add(new Check("REVOCATION", revoked ? Status.FAILED : Status.PASSED, revoked
                ? LocalisedReason.of(ProofReason.PROOF_REVOKED, s.get().revokedAt(), s.get().revocationReason())
                : LocalisedReason.of(ProofReason.PROOF_NOT_REVOKED)));
        return checks;
    }

    private List<X509Certificate> signerChain(Stored s) {
        JsonNode content = CanonicalJson.parse(new String(s.content(), StandardCharsets.UTF_8));
        return seals.registry().seal(content.path("seal").path("id").asText()).certificateChain();
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    static String pem(List<X509Certificate> certs) {
        StringBuilder b = new StringBuilder();
        for (X509Certificate c : certs) {
            try {
                b.append(pemBlock("CERTIFICATE", c.getEncoded()));
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("certificate cannot be encoded", e);
            }
        }
        return b.toString();
    }

    static String crlPem(List<X509CRL> crls) {
        StringBuilder b = new StringBuilder();
        for (X509CRL c : crls) {
            try {
                b.append(pemBlock("X509 CRL", c.getEncoded()));
            } catch (java.security.cert.CRLException e) {
                throw new IllegalStateException("CRL cannot be encoded", e);
            }
        }
        return b.toString();
    }

    private static String pemBlock(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private String readme(String proofId) {
        return """
                电子证明 %s — verification bundle

                proof.json  the proof's content exactly as sealed (RFC 8785 canonical JSON)
                proof.p7s   detached CMS (CAdES) signature by the seal, with an RFC 3161 time-stamp
                proof.pdf   the printable proof, signed as PAdES
                chain.pem   the seal's certificate chain;  roots.pem  the hub's trust anchors (compare their
                            fingerprints with the ones the hub publishes at %sapi/public/seals/roots.pem)
                crls.pem    the seal CAs' revocation lists at export time;  status.json  the proof's status then

                Verify offline:
                  java -jar proof-hub.jar verify --bundle this.zip --trust roots.pem [--item CODE --application ID]
                  openssl cms -verify -binary -inform DER -in proof.p7s -content proof.json -CAfile roots.pem -purpose any -out /dev/null
                  pdfsig proof.pdf
                A proof revoked after the export shows only online: %sverify/%s
                """.formatted(proofId, properties.publicUrl(), properties.publicUrl(), proofId);
    }
}
