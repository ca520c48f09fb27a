package org.proofhub.hub.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.seal.SealModule;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditor's view: search the trail (subjects only through their keyed hash), verify it, sign its head. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "Who looked at whose data, when and why (谁查询、谁负责); tamper-evident")
class AuditController {
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final DataProtection protection;
    private final Accounts accounts;
    private final AuditLog audit;
    private final AuditCheckpoints checkpoints;
    private final SealModule seals;
    private final Clock clock;
    private final AuditReads reads;

    AuditController(JdbcTemplate jdbc, DataSource dataSource, DataProtection protection, Accounts accounts, AuditLog audit,
                    AuditCheckpoints checkpoints, SealModule seals, Clock clock, AuditReads reads) {
        this.reads = reads;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.protection = protection;
        this.accounts = accounts;
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.seals = seals;
        this.clock = clock;
    }

    /** One audit entry as auditors see it. */
    record Entry(long seq, Instant at, String actor, String unit, String action, String subjectHash, String purpose, String detail) {
    }

    @GetMapping("/entries")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Search the trail by subject (citizen ID or USCC, hashed with the hub's key before the search), account, unit, action and time",
            description = "account: who acted; about: the account an entry is about (its creation, role changes, locks, password changes: "
                    + "\"who changed this account?\")")
    List<Entry> entries(@RequestParam(required = false) String subject, @RequestParam(required = false) String account,
                        @RequestParam(required = false) String about,
                        @RequestParam(required = false) String unit, @RequestParam(required = false) String action,
                        @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                        @RequestParam(defaultValue = "1000") int limit) {
        String subjectHash = subject == null || subject.isBlank() ? null : protection.keyedHash(subject.strip().toUpperCase(Locale.ROOT));
        List<Object> args = AuditSearch.args();
        StringBuilder sql = new StringBuilder("select seq, at, actor, unit_code, action, subject_hash, purpose, detail from audit_log")
                .append(new AuditSearch(subjectHash, account, about, unit, action, from, to).where(args));
        sql.append(" order by seq limit ?");
        args.add(Math.max(1, Math.min(limit, 100_000)));
        HubUser auditor = accounts.current();
        audit.append(new AuditLog.Entry(auditor.username(), auditor.unitCode(), "AUDIT_SEARCHED", subjectHash, "audit",
                Map.of("searchedAccount", String.valueOf(account), "about", String.valueOf(about), "unit", String.valueOf(unit),
                        "action", String.valueOf(action))));
        return jdbc.query(sql.toString(), (rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)), args.toArray());
    }

    /** A search with the subject in the body, so that it is in no URL, log line or browser history. */
    record SearchQuery(String subject, String account, String about, String unit, String action, Instant from, Instant to,
                       Integer limit) {
    }

    @PostMapping("/entries/search")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "The same search as GET /entries with its criteria in a JSON body: prefer it when searching by subject",
            description = "subject: citizen ID or USCC, hashed with the hub's key before the search; the other criteria as in GET /entries")
    List<Entry> search(@RequestBody SearchQuery q) {
        if (q == null) {
            throw org.proofhub.hub.platform.HubException.badRequest("criteria-required", "send the search's criteria as a JSON object");
        }
        return entries(q.subject(), q.account(), q.about(), q.unit(), q.action(), q.from(), q.to(), q.limit() == null ? 1000 : q.limit());
    }

    /** Whose reads to list: the subject in the body, so that it is in no URL, log line or browser history. */
    record ReadsQuery(String subject, Instant from, Instant to, Integer limit) {
    }

    @PostMapping("/reads")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Who looked at this citizen or organisation: every read of its personal data, and nothing else",
            description = "subject: citizen ID or USCC, in the body, hashed with the hub's key before the search; from/to: an optional time "
                    + "window [from, to). The reads are RECORD_READ, RECORD_HISTORY_READ, DATA_QUERY, PROOF_READ, VERIFICATION_REQUEST_READ, "
                    + "VERIFICATION_ID_SCAN_READ, COMMITMENT_LETTER_READ and COMMITMENT_ELIGIBILITY (audit.AuditAction.READS); what: the entry's "
                    + "detail (record kind, proof, request, letter …). Auditors' own searches are not reads and are not listed; this one is recorded.")
    List<AuditReads.Read> reads(@RequestBody ReadsQuery q) {
        if (q == null || q.subject() == null || q.subject().isBlank()) {
            throw org.proofhub.hub.platform.HubException.badRequest("subject-required", "name the citizen ID or USCC whose reads to list (subject)");
        }
        String subjectHash = protection.keyedHash(q.subject().strip().toUpperCase(Locale.ROOT));
        HubUser auditor = accounts.current();
        audit.append(new AuditLog.Entry(auditor.username(), auditor.unitCode(), "AUDIT_SEARCHED", subjectHash, "audit", Map.of("reads", true)));
        return reads.find(AuditSearch.reads(subjectHash, q.from(), q.to()), q.limit() == null ? 1000 : q.limit());
    }

    @GetMapping("/verification")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Check the whole chain and every signed checkpoint now (the offline audit-verify command does the same)")
    AuditVerification.Report verify() throws Exception {
        return AuditVerification.verifyHubTrail(dataSource, seals, clock.instant());
    }

    @PostMapping("/checkpoints")
    @PreAuthorize("hasAnyRole('AUDITOR','ADMIN')")
    @Operation(summary = "Sign the chain's current head with the audit seal now")
    Map<String, Long> checkpoint() {
        return Map.of("seq", checkpoints.checkpoint());
    }
}
