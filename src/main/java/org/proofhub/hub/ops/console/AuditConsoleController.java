package org.proofhub.hub.ops.console;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditCheckpoints;
import org.proofhub.hub.audit.AuditEntries;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.audit.AuditPage;
import org.proofhub.hub.audit.AuditPaging;
import org.proofhub.hub.audit.AuditReads;
import org.proofhub.hub.audit.AuditSearch;
import org.proofhub.hub.audit.AuditVerification;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.seal.SealModule;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The auditor's page: the trail searched (by subject — hashed with the hub's key, posted in the form's body so that it is in
 * no URL or browser history —, account, account concerned, unit, action and a time window in Beijing time), "who looked at
 * this citizen" ({@link AuditReads}: the reads of personal data only) — each a page at a time, newest first unless asked
 * otherwise, with how many there are in all —, the chain's state, and its integrity (SPEC §7.3: trust that the answer was not edited afterwards): check the
 * whole hash chain and every signed checkpoint now — what {@code GET /api/audit/verification} and the offline
 * {@code audit-verify} command do — and sign the chain's head with the audit seal now. The check itself is recorded.
 */
@Controller
class AuditConsoleController {
    static final int SHOWN = 500;
    /** The "next page" form's field for the subject: its keyed hash (the subject itself is shown nowhere, not even hidden). */
    private static final String SUBJECT_HASH = "subjectHash";
    /** The "next page" form's field for how many entries the pages before it showed. */
    private static final String BEFORE = "before";
    private static final java.util.regex.Pattern KEYED_HASH = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    private final Accounts accounts;
    private final JdbcTemplate jdbc;
    private final DataProtection protection;
    private final AuditEntries entries;
    private final AuditReads reads;
    private final DataSource dataSource;
    private final SealModule seals;
    private final AuditCheckpoints checkpoints;
    private final AuditLog audit;
    private final Clock clock;

    AuditConsoleController(Accounts accounts, DataSource dataSource, SealModule seals, AuditCheckpoints checkpoints, AuditLog audit, Clock clock,
                           JdbcTemplate jdbc, DataProtection protection, AuditEntries entries, AuditReads reads) {
        this.accounts = accounts;
        this.entries = entries;
        this.jdbc = jdbc;
        this.protection = protection;
        this.reads = reads;
        this.dataSource = dataSource;
        this.seals = seals;
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the page shows of a check: the verdict, how much was checked, the first broken entry and why. */
    record Checked(boolean intact, String summary, long entries, long brokenAt, String reason, long checkpointsValid,
                   java.util.List<String> checkpoints) {
    }

    /** The audit chain as the auditor's page shows it; the checkpoint's number as text ("—" before the first). */
    record ChainState(long head, long pending, String checkpointSeq, Instant checkpointAt) {
    }

    /** One read of personal data as the "who looked" list shows it; {@code what} the entry's detail as "key: value" pairs. */
    record ReadRow(long seq, Instant at, String account, String unit, String action, String purpose, String what) {
    }

    @GetMapping("/console/audit")
    @PreAuthorize("hasRole('AUDITOR')")
    String page(Model model) {
        ConsoleUser.addTo(model, accounts);
        return view(model, Map.of(), "entries");
    }

    /**
     * A search, posted: {@code mode=reads} lists who looked at the subject (its reads of personal data), anything else the
     * trail's entries; a page of {@value #SHOWN}, newest first unless {@code order=asc}, with how many there are in all. From
     * and to are the form's local date-times, read in Beijing time as the console shows times; the window is [from, to). The
     * next page is posted by a form of hidden fields ({@link #nextPage}), which carries the subject's keyed hash, never the
     * subject itself.
     */
    @PostMapping("/console/audit")
    @PreAuthorize("hasRole('AUDITOR')")
    String search(@RequestParam Map<String, String> form, Model model) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        String mode = "reads".equals(form.get("mode")) ? "reads" : "entries";
        String subject = form.get("subject");
        String subjectHash = blank(subject) ? form.get(SUBJECT_HASH) : protection.keyedHash(subject.strip().toUpperCase(Locale.ROOT));
        Instant from;
        Instant to;
        try {
            from = local(form.get("from"));
            to = local(form.get("to"));
        } catch (DateTimeParseException e) {
            model.addAttribute("problem", "audit.badTime");
            return view(model, form, mode);
        }
        AuditPaging paging;
        long before;
        try {
            paging = AuditPaging.of(form.get("order"), SHOWN, blank(form.get("next")) ? null : Long.valueOf(form.get("next").strip()), SHOWN);
            // how many the pages before this one showed: carried by the "next page" form rather than counted again
            before = blank(form.get(BEFORE)) || paging.next() == null ? 0 : Long.parseLong(form.get(BEFORE).strip());
            if (before < 0) {
                throw new NumberFormatException("negative");
            }
        } catch (HubException | NumberFormatException e) {
            model.addAttribute("problem", "audit.badPage");
            return view(model, form, mode);
        }
        if (blank(subjectHash)) {
            subjectHash = null;
        } else if (!KEYED_HASH.matcher(subjectHash).matches()) {
            // only a tampered "next page" form carries something else
            model.addAttribute("problem", "audit.badPage");
            return view(model, form, mode);
        }
        AuditSearch search = new AuditSearch(subjectHash, form.get("account"), form.get("about"), form.get("unit"), form.get("action"), from, to);
        if ("reads".equals(mode) && subjectHash == null) {
            model.addAttribute("problem", "audit.readsNeedSubject");
            return view(model, form, mode);
        }
        if (search.isEmpty()) {
            return view(model, form, mode);
        }
        audit.append(new AuditLog.Entry(u.username(), u.unitCode(), "AUDIT_SEARCHED", subjectHash, "audit",
                Map.of("via", "console", "reads", "reads".equals(mode))));
        AuditPage<?> page;
        if ("reads".equals(mode)) {
            AuditPage<AuditReads.Read> found = reads.find(search, paging);
            model.addAttribute("reads", found.items().stream().map(r -> new ReadRow(r.seq(), r.at(), r.account(), r.unit(), r.action(),
                    r.purpose(), r.what().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")))).toList());
            page = found;
        } else {
            AuditPage<AuditEntries.Entry> found = entries.find(search, paging);
            model.addAttribute("rows", found.items());
            page = found;
        }
        model.addAttribute("page", page);
        model.addAttribute("before", before);
        // counted up to hub.audit.search-count-limit: beyond it, "at least" (100,000+)
        String total = java.text.NumberFormat.getIntegerInstance(org.springframework.context.i18n.LocaleContextHolder.getLocale())
                .format(page.total());
        model.addAttribute("total", page.totalExact() ? total : total + "+");
        model.addAttribute("newestFirst", paging.newestFirst());
        if (page.more()) {
            model.addAttribute("nextPage", nextPage(form, mode, subjectHash, paging, page.next(), before + page.items().size()));
        }
        model.addAttribute("searched", true);
        return view(model, form, mode);
    }

    /** The hidden fields that post the page after this one: the same search, by the subject's keyed hash, continued after {@code next}. */
    private static Map<String, String> nextPage(Map<String, String> form, String mode, String subjectHash, AuditPaging paging, long next,
                                                long shownSoFar) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("mode", mode);
        for (String criterion : List.of("account", "about", "unit", "action", "from", "to")) {
            if (!blank(form.get(criterion))) {
                fields.put(criterion, form.get(criterion));
            }
        }
        if (subjectHash != null) {
            fields.put(SUBJECT_HASH, subjectHash);
        }
        fields.put("order", paging.order());
        fields.put("next", String.valueOf(next));
        fields.put(BEFORE, String.valueOf(shownSoFar));
        return fields;
    }

    /** The page with the chain's state and the form filled in again as posted — all but the subject, which is shown nowhere. */
    private String view(Model model, Map<String, String> form, String mode) {
        Map<String, String> shown = new java.util.HashMap<>(form);
        shown.remove("subject");
        shown.remove(SUBJECT_HASH);
        shown.remove("next");
        shown.remove(BEFORE);
        shown.remove("_csrf");
        model.addAttribute("form", shown);
        model.addAttribute("mode", mode);
        if (!model.containsAttribute("searched")) {
            model.addAttribute("searched", false);
        }
        model.addAttribute("chain", jdbc.queryForObject("""
                select (select max(seq) from audit_log), (select count(*) from audit_pending),
                       (select max(seq) from audit_checkpoint), (select max(at) from audit_checkpoint)""",
                (rs, i) -> new ChainState(rs.getLong(1), rs.getLong(2), rs.getObject(3) == null ? "—" : String.valueOf(rs.getLong(3)),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant())));
        return "console/audit";
    }

    /** A {@code datetime-local} value ({@code 2026-11-28T09:30} or with seconds) in Beijing time, or null when blank. */
    static Instant local(String value) {
        return blank(value) ? null : LocalDateTime.parse(value.strip()).atZone(BeijingTime.ZONE).toInstant();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @PostMapping("/console/audit/verification")
    @PreAuthorize("hasRole('AUDITOR')")
    String verify(RedirectAttributes redirect) throws Exception {
        HubUser u = accounts.current();
        AuditVerification.Report report = AuditVerification.verifyHubTrail(dataSource, seals, clock.instant());
        audit.append(new AuditLog.Entry(u.username(), u.unitCode(), "AUDIT_CHAIN_VERIFIED", null, "audit",
                Map.of("intact", report.intact(), "entries", report.chain().checked(), "summary", report.summary())));
        redirect.addFlashAttribute("checked", new Checked(report.intact(), report.summary(), report.chain().checked(), report.chain().brokenAt(),
                report.chain().reason(), report.checkpointsValid(), report.checkpoints()));
        return "redirect:/console/audit";
    }

    @PostMapping("/console/audit/checkpoints")
    @PreAuthorize("hasRole('AUDITOR')")
    String checkpoint(RedirectAttributes redirect) {
        long seq = checkpoints.checkpoint();
        redirect.addFlashAttribute("signed", seq);
        return "redirect:/console/audit";
    }
}
