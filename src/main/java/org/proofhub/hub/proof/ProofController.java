package org.proofhub.hub.proof;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.audit.AuditPage;
import org.proofhub.hub.audit.AuditPaging;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
    /** How many query records a page holds when the search does not say. */
    private static final int QUERY_RECORDS_LIMIT = 1000;
    private final ProofService proofs;
    private final ProofArchive archive;
    private final Accounts accounts;
    private final AuditLog audit;
    private final DataProtection protection;
    private final QueryRecords queryRecords;

    ProofController(ProofService proofs, ProofArchive archive, Accounts accounts, AuditLog audit, DataProtection protection,
                    QueryRecords queryRecords) {
        this.proofs = proofs;
        this.archive = archive;
        this.accounts = accounts;
        this.audit = audit;
        this.protection = protection;
        this.queryRecords = queryRecords;
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

    /** A search of the query records, in a JSON body so that the subject is in no URL, log line or browser history. */
    record QueryRecordSearch(String subject, String account, String unit, String serviceItemCode, String applicationId, String result,
                             Instant from, Instant to, Integer limit, String order, Long next) {
    }

    /**
     * A page of query records: {@code total} found in all (counted up to 100,000; {@code totalExact} false: at least that
     * many), {@code more} after this page, {@code next} to ask for it (null: none).
     */
    record QueryRecordsPage(List<QueryRecords.QueryRecord> records, long total, boolean totalExact, boolean more,
                            @JsonInclude(JsonInclude.Include.ALWAYS) Long next) {
    }

    @PostMapping("/query-records/search")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Who queried whom, when and why (谁查询、谁负责): the query records a search finds, newest first, a page at a time",
            description = "Every criterion is optional and in the body, never in the URL. subject: citizen ID or USCC, hashed with the hub's "
                    + "key before the search (the records hold only that hash); account and unit: who queried; serviceItemCode, "
                    + "applicationId; result: ISSUED or why not (NO_DATA, SUBJECT_MISMATCH, WRONG_METHOD, NOT_ON_LIST, INVALID, AMBIGUOUS, "
                    + "ERROR); from/to: a time window [from, to). Newest first (order \"desc\", the default) or oldest first (\"asc\"), "
                    + "in the order the records were written (their id); at most limit records (default " + QUERY_RECORDS_LIMIT
                    + ", at most " + AuditPaging.MAX_LIMIT + ": a larger limit is lowered to it). The answer: {records: [...], total (counted up to 100,000; totalExact false: at least that many), "
                    + "more, next}; for the following page send the same search with next set to the answer's next (the last "
                    + "record's id; null on the last page). Records written meanwhile do not shift the pages still to come. An "
                    + "unknown order, a limit below 1 or a next below 1 is a 400 saying which, and searches nothing. Each request, "
                    + "every page, is recorded in the audit trail (QUERY_RECORDS_SEARCHED, with the subject's keyed hash). "
                    + "Replaces GET /api/proofs/query-records?subject=…, which put the subject in the URL.")
    QueryRecordsPage searchQueryRecords(@RequestBody QueryRecordSearch q) {
        if (q == null) {
            throw HubException.badRequest("criteria-required", "send the search's criteria as a JSON object ({} for every query record)");
        }
        AuditPaging paging = AuditPaging.of(q.order(), q.limit(), q.next(), QUERY_RECORDS_LIMIT);
        String subjectHash = q.subject() == null || q.subject().isBlank() ? null
                : protection.keyedHash(q.subject().strip().toUpperCase(Locale.ROOT));
        HubUser auditor = accounts.current();
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("searchedAccount", String.valueOf(q.account()));
        criteria.put("unit", String.valueOf(q.unit()));
        criteria.put("serviceItem", String.valueOf(q.serviceItemCode()));
        criteria.put("application", String.valueOf(q.applicationId()));
        criteria.put("result", String.valueOf(q.result()));
        audit.append(new AuditLog.Entry(auditor.username(), auditor.unitCode(), "QUERY_RECORDS_SEARCHED", subjectHash, "audit", criteria));
        AuditPage<QueryRecords.QueryRecord> page = queryRecords.find(new QueryRecords.Search(subjectHash, q.account(), q.unit(),
                q.serviceItemCode(), q.applicationId(), q.result(), q.from(), q.to()), paging);
        return new QueryRecordsPage(page.items(), page.total(), page.totalExact(), page.more(), page.next());
    }

    /**
     * The search that took the subject in the URL — so into access logs, proxies and browser history — answers no more. An
     * explicit 410 rather than nothing: without it the path would fall to {@code GET /{proofId}} and refuse with a puzzle.
     */
    @GetMapping("/query-records")
    @Operation(deprecated = true, summary = "Withdrawn: answers 410 Gone; search with POST /api/proofs/query-records/search",
            description = "It took the subject (citizen ID or USCC) in the URL. It reads nothing, searches nothing and records nothing.")
    ResponseEntity<Void> queryRecordsWithdrawn() {
        throw new HubException(HttpStatus.GONE, "query-records-search-moved", "Search moved",
                "GET /api/proofs/query-records is withdrawn: a citizen ID does not belong in a URL. POST the criteria as JSON to "
                        + "/api/proofs/query-records/search (the answer is a page: {records, total, more, next}).");
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
