package org.proofhub.hub.proof;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Data queries that answer with a sealed e-proof, the archive of proofs, and the query records. */
@RestController
@RequestMapping("/api/proofs")
@Tag(name = "E-proofs", description = "Data query → sealed e-proof (数据查询 → 电子证明), archive, revocation, query records")
class ProofController {
    private final ProofService proofs;
    private final ProofArchive archive;
    private final Accounts accounts;
    private final AuditLog audit;
    private final DataProtection protection;
    private final JdbcTemplate jdbc;

    ProofController(ProofService proofs, ProofArchive archive, Accounts accounts, AuditLog audit, DataProtection protection, JdbcTemplate jdbc) {
        this.proofs = proofs;
        this.archive = archive;
        this.accounts = accounts;
        this.audit = audit;
        this.protection = protection;
        this.jdbc = jdbc;
    }

    /**
     * A sealed proof as the API returns it. {@code content} goes out as the sealed bytes themselves (RFC 8785 JSON, so its
     * keys in canonical order): what a client hashes is what was signed, and the proof is not serialised a second time.
     */
    record ProofResponse(String proofId, String proofType,
                         @com.fasterxml.jackson.annotation.JsonRawValue
                         @io.swagger.v3.oas.annotations.media.Schema(type = "object", description = "the proof's content, as sealed (RFC 8785 canonical JSON)")
                         String content,
                         String signature, String contentDigest, String sealId,
                         Instant issuedAt, String validUntil, String verificationUrl, Map<String, String> links, String pdf) {
    }

    @PostMapping("/queries")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Query the shared data for a proof; answers with the sealed e-proof at once, or a problem saying why not",
            description = "The list must allow DATA_QUERY for the item and proof. No data → 404 pointing to department verification; "
                    + "a name that does not match the ID → 422. Every query leaves a query record. pdf=true adds the signed PDF (base64).")
    ResponseEntity<ProofResponse> query(@RequestBody ProofQuery query, @RequestParam(defaultValue = "false") boolean pdf) {
        IssuedProof p = proofs.query(accounts.current(), query);
        return ResponseEntity.status(HttpStatus.CREATED).body(response(p, pdf ? Base64.getEncoder().encodeToString(archive.pdf(p.proofId())) : null));
    }

    @GetMapping("/{proofId}")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "An archived proof's content and signature (the read is recorded)")
    ProofResponse get(@PathVariable String proofId, @RequestParam String purpose) {
        ProofArchive.Stored s = readAudited(proofId, purpose);
        String text = new String(s.content(), StandardCharsets.UTF_8);
        JsonNode content = CanonicalJson.parse(text);
        return new ProofResponse(s.proofId(), s.proofType(), text, Base64.getEncoder().encodeToString(s.signature()), s.digest(),
                content.path("seal").path("id").asText(), Instant.parse(content.path("issuedAt").asText()), content.path("validUntil").asText(),
                null, links(proofId), null);
    }

    @GetMapping(value = "/{proofId}/signature", produces = "application/pkcs7-signature")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    ResponseEntity<byte[]> signature(@PathVariable String proofId) {
        return file(archive.require(proofId).signature(), proofId + ".p7s", "application/pkcs7-signature");
    }

    @GetMapping(value = "/{proofId}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "The printable proof, signed as PAdES (rendered on first request)")
    ResponseEntity<byte[]> pdf(@PathVariable String proofId, @RequestParam(defaultValue = "打印证明") String purpose) {
        readAudited(proofId, purpose);
        return file(archive.pdf(proofId), proofId + ".pdf", MediaType.APPLICATION_PDF_VALUE);
    }

    @GetMapping(value = "/{proofId}/bundle", produces = "application/zip")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "Everything for offline verification: content, .p7s, PDF, chain, roots, CRLs, instructions")
    ResponseEntity<byte[]> bundle(@PathVariable String proofId, @RequestParam(defaultValue = "导出核验包") String purpose) {
        readAudited(proofId, purpose);
        return file(archive.bundle(proofId), proofId + ".zip", "application/zip");
    }

    /** Why a proof is withdrawn. */
    record Revocation(String reason) {
    }

    @PostMapping("/{proofId}/revoke")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    @Operation(summary = "Revoke a proof with a reason; verification reports it revoked from then on")
    Map<String, String> revoke(@PathVariable String proofId, @RequestBody Revocation revocation) {
        archive.revoke(proofId, revocation.reason(), accounts.current());
        return Map.of("proofId", proofId, "status", "REVOKED");
    }

    /** A query record as auditors see it: the subject only as its keyed hash. */
    record QueryRecord(long id, Instant at, String account, String unit, String subjectHash, String serviceItemCode, String applicationId,
                       String proofType, String purpose, String result, String reason, String proofId) {
    }

    @GetMapping("/query-records")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Who queried whom, when and why: search by subject (citizen ID or USCC, hashed before the search), account or time")
    List<QueryRecord> queryRecords(@RequestParam(required = false) String subject, @RequestParam(required = false) String account,
                                   @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                                   @RequestParam(defaultValue = "500") int limit) {
        StringBuilder sql = new StringBuilder("""
                select id, at, account, unit_code, subject_hash, service_item_code, application_id, proof_type, purpose, result, reason, proof_id
                from query_record where true""");
        List<Object> args = new ArrayList<>();
        if (subject != null) {
            sql.append(" and subject_hash = ?");
            args.add(protection.keyedHash(subject.strip().toUpperCase(java.util.Locale.ROOT)));
        }
        if (account != null) {
            sql.append(" and account = ?");
            args.add(account);
        }
        if (from != null) {
            sql.append(" and at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" and at < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" order by at, id limit ?");
        args.add(Math.min(limit, 10_000));
        HubUser auditor = accounts.current();
        audit.append(new AuditLog.Entry(auditor.username(), auditor.unitCode(), "QUERY_RECORDS_SEARCHED",
                subject == null ? null : (String) args.get(0), "audit", Map.of("account", String.valueOf(account))));
        return jdbc.query(sql.toString(), (rs, i) -> new QueryRecord(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12)), args.toArray());
    }

    private ProofArchive.Stored readAudited(String proofId, String purpose) {
        return archive.readFor(accounts.current(), proofId, purpose);
    }

    private static ProofResponse response(IssuedProof p, String pdf) {
        return new ProofResponse(p.proofId(), p.proofType(), new String(p.contentBytes(), StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(p.signature()), p.contentDigest(),
                p.sealId(), p.issuedAt(), p.validUntil().toString(), p.verificationUrl(), links(p.proofId()), pdf);
    }

    private static Map<String, String> links(String proofId) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("self", "/api/proofs/" + proofId);
        l.put("signature", "/api/proofs/" + proofId + "/signature");
        l.put("pdf", "/api/proofs/" + proofId + "/pdf");
        l.put("bundle", "/api/proofs/" + proofId + "/bundle");
        l.put("verify", "/api/public/proofs/" + proofId + "/verification");
        return l;
    }

    private static ResponseEntity<byte[]> file(byte[] bytes, String name, String type) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(MediaType.parseMediaType(type)).body(bytes);
    }
}
