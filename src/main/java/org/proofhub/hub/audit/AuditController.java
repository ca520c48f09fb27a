package org.proofhub.hub.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
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
    private static final int DEFAULT_LIMIT = 1000;
    /** How every search here pages, for the API's description. */
    private static final String PAGING = " Newest first (order \"desc\", the default) or oldest first (order \"asc\"); at most limit entries "
            + "(default " + DEFAULT_LIMIT + ", at most " + AuditPaging.MAX_LIMIT + ": a larger limit is lowered to it; below 1 is refused). The answer says how many the search finds "
            + "in all (total, counted up to 100,000: totalExact false means at least that many) and whether more follow (more); to get the following page send the same search again with next set to the "
            + "answer's next (the last entry's seq; null on the last page). Pages are cut on seq, not counted by offset: entries appended "
            + "meanwhile do not shift the pages still to come. An unknown order, a limit below 1 or a next below 1 is a 400 saying which.";

    private final DataSource dataSource;
    private final DataProtection protection;
    private final Accounts accounts;
    private final AuditLog audit;
    private final AuditCheckpoints checkpoints;
    private final SealModule seals;
    private final Clock clock;
    private final AuditEntries entries;
    private final AuditReads reads;

    AuditController(DataSource dataSource, DataProtection protection, Accounts accounts, AuditLog audit, AuditCheckpoints checkpoints,
                    SealModule seals, Clock clock, AuditEntries entries, AuditReads reads) {
        this.dataSource = dataSource;
        this.protection = protection;
        this.accounts = accounts;
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.seals = seals;
        this.clock = clock;
        this.entries = entries;
        this.reads = reads;
    }

    /**
     * A page of the trail's entries: {@code total} found in all (counted up to 100,000; {@code totalExact} false: at least
     * that many), {@code more} after this page, {@code next} to ask for it (null: none).
     */
    record EntriesPage(List<AuditEntries.Entry> entries, long total, boolean totalExact, boolean more,
                       @JsonInclude(JsonInclude.Include.ALWAYS) Long next) {
        static EntriesPage of(AuditPage<AuditEntries.Entry> page) {
            return new EntriesPage(page.items(), page.total(), page.totalExact(), page.more(), page.next());
        }
    }

    @GetMapping("/entries")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Search the trail by account, unit, action and time (by subject: POST /entries/search)",
            description = "account: who acted; about: the account an entry is about (its creation, role changes, locks, password changes: "
                    + "\"who changed this account?\"); from/to: a time window [from, to). subject is refused here (400 subject-in-url): "
                    + "a citizen ID or USCC in a URL stays in access logs, proxies and browser histories; POST /entries/search takes it "
                    + "in the body." + PAGING)
    EntriesPage entries(@RequestParam(required = false) String subject, @RequestParam(required = false) String account,
                        @RequestParam(required = false) String about,
                        @RequestParam(required = false) String unit, @RequestParam(required = false) String action,
                        @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                        @RequestParam(required = false) Integer limit, @RequestParam(required = false) String order,
                        @RequestParam(required = false) Long next) {
        if (subject != null && !subject.isBlank()) {
            throw org.proofhub.hub.platform.HubException.badRequest("subject-in-url", "a citizen ID or USCC in a URL stays in access "
                    + "logs, proxies and browser histories: search by subject with POST /api/audit/entries/search, the subject in the body");
        }
        return find(null, account, about, unit, action, from, to, limit, order, next);
    }

    /** The search both endpoints make, recorded as AUDIT_SEARCHED (the subject as its keyed hash). */
    private EntriesPage find(String subject, String account, String about, String unit, String action, Instant from, Instant to,
                             Integer limit, String order, Long next) {
        AuditPaging paging = AuditPaging.of(order, limit, next, DEFAULT_LIMIT);
        String subjectHash = subject == null || subject.isBlank() ? null : protection.keyedHash(subject.strip().toUpperCase(Locale.ROOT));
        HubUser auditor = accounts.current();
        audit.append(new AuditLog.Entry(auditor.username(), auditor.unitCode(), "AUDIT_SEARCHED", subjectHash, "audit",
                Map.of("searchedAccount", String.valueOf(account), "about", String.valueOf(about), "unit", String.valueOf(unit),
                        "action", String.valueOf(action))));
        return EntriesPage.of(entries.find(new AuditSearch(subjectHash, account, about, unit, action, from, to), paging));
    }

    /** A search with the subject in the body, so that it is in no URL, log line or browser history. */
    record SearchQuery(String subject, String account, String about, String unit, String action, Instant from, Instant to,
                       Integer limit, String order, Long next) {
    }

    @PostMapping("/entries/search")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "The same search as GET /entries with its criteria in a JSON body, and the only one by subject",
            description = "subject: citizen ID or USCC, hashed with the hub's key before the search; the other criteria, the paging "
                    + "(limit, order, next) and the answer as in GET /entries")
    EntriesPage search(@RequestBody SearchQuery q) {
        if (q == null) {
            throw org.proofhub.hub.platform.HubException.badRequest("criteria-required", "send the search's criteria as a JSON object");
        }
        return find(q.subject(), q.account(), q.about(), q.unit(), q.action(), q.from(), q.to(), q.limit(), q.order(), q.next());
    }

    /** Whose reads to list: the subject in the body, so that it is in no URL, log line or browser history. */
    record ReadsQuery(String subject, Instant from, Instant to, Integer limit, String order, Long next) {
    }

    /** A page of the subject's reads: {@code total} found in all, {@code more} after this page, {@code next} to ask for it (null: none). */
    record ReadsPage(List<AuditReads.Read> reads, long total, boolean totalExact, boolean more,
                     @JsonInclude(JsonInclude.Include.ALWAYS) Long next) {
        static ReadsPage of(AuditPage<AuditReads.Read> page) {
            return new ReadsPage(page.items(), page.total(), page.totalExact(), page.more(), page.next());
        }
    }

    @PostMapping("/reads")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Who looked at this citizen or organisation: every read of its personal data, and nothing else",
            description = "subject: citizen ID or USCC, in the body, hashed with the hub's key before the search; from/to: an optional time "
                    + "window [from, to). The reads are RECORD_READ, RECORD_HISTORY_READ, DATA_QUERY, PROOF_READ, VERIFICATION_REQUEST_READ, "
                    + "VERIFICATION_ID_SCAN_READ, COMMITMENT_LETTER_READ and COMMITMENT_ELIGIBILITY (audit.AuditAction.READS); what: the entry's "
                    + "detail (record kind, proof, request, letter …). Auditors' own searches are not reads and are not listed; each request, "
                    + "every page, is recorded (AUDIT_SEARCHED). The answer: {reads: [...], total, more, next}." + PAGING)
    ReadsPage reads(@RequestBody ReadsQuery q) {
        if (q == null || q.subject() == null || q.subject().isBlank()) {
            throw org.proofhub.hub.platform.HubException.badRequest("subject-required", "name the citizen ID or USCC whose reads to list (subject)");
        }
        AuditPaging paging = AuditPaging.of(q.order(), q.limit(), q.next(), DEFAULT_LIMIT);
        String subjectHash = protection.keyedHash(q.subject().strip().toUpperCase(Locale.ROOT));
        HubUser auditor = accounts.current();
        audit.append(new AuditLog.Entry(auditor.username(), auditor.unitCode(), "AUDIT_SEARCHED", subjectHash, "audit", Map.of("reads", true)));
        return ReadsPage.of(reads.find(AuditSearch.reads(subjectHash, q.from(), q.to()), paging));
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
