package org.proofhub.hub.ops.console;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.platform.Masking;
import org.proofhub.hub.proof.ProofTypes;
import org.proofhub.hub.verification.Answer;
import org.proofhub.hub.verification.ReplyKind;
import org.proofhub.hub.verification.RequestDetail;
import org.proofhub.hub.verification.RequestSummary;
import org.proofhub.hub.verification.RequestTimeline;
import org.proofhub.hub.verification.UnitSla;
import org.proofhub.hub.verification.VerificationSubmission;
import org.proofhub.hub.verification.Verifications;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The console's department verification pages: the SLA board with live counts and a request's timeline.
 * Operators and auditors see counts and masked requests of every unit; a unit's agents and supervisor see their
 * unit, and the subject of the requests their unit sent or received (that read is audited).
 */
@Controller
class VerificationConsoleController {
    /** Most open requests listed under the board; the earliest deadlines come first. */
    static final int OPEN_REQUESTS_SHOWN = 1000;
    /** What an HTML datetime-local field holds, in the console's time zone. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(BeijingTime.ZONE);

    private final Accounts accounts;
    private final Verifications verifications;
    private final SlaBoard board;
    private final SlaBoardStream stream;
    private final ConsoleProperties properties;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final ProofTypes proofTypes;
    private final Clock clock;

    VerificationConsoleController(Accounts accounts, Verifications verifications, SlaBoard board, SlaBoardStream stream,
                                  ConsoleProperties properties, org.springframework.context.ApplicationEventPublisher events,
                                  ProofTypes proofTypes, Clock clock) {
        this.events = events;
        this.proofTypes = proofTypes;
        this.clock = clock;
        this.accounts = accounts;
        this.verifications = verifications;
        this.board = board;
        this.stream = stream;
        this.properties = properties;
    }

    @GetMapping("/console/sla")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','OPERATOR','AUDITOR','ADMIN')")
    String sla(Model model, Locale locale) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        List<UnitSla> rows = board.rows(u);
        model.addAttribute("rows", rows);
        model.addAttribute("postChecks", board.postChecks(u));
        model.addAttribute("unitNames", unitNames(locale));
        model.addAttribute("dueSoonMinutes", properties.slaDueSoon().toMinutes());
        if (u.has(Role.AGENT) || u.has(Role.SUPERVISOR)) {
            List<RequestSummary> open = verifications.awaitingByDeadline(u, OPEN_REQUESTS_SHOWN);
            model.addAttribute("open", open);
            long total = rows.stream().filter(r -> r.unit().equals(u.unitCode())).mapToLong(UnitSla::awaiting).findFirst().orElse(open.size());
            model.addAttribute("openTotal", String.valueOf(Math.max(total, open.size())));
        }
        return "console/sla";
    }

    /** The board's counts as server-sent events; see {@link SlaBoardStream}. */
    @GetMapping(path = "/console/sla/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','OPERATOR','AUDITOR','ADMIN')")
    SseEmitter slaStream() {
        return stream.subscribe(accounts.current());
    }

    @GetMapping("/console/requests/{id}")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','OPERATOR','AUDITOR','ADMIN')")
    String request(@PathVariable String id, Model model, Locale locale) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        try {
            if (SlaBoard.seesAllUnits(u)) {
                RequestTimeline t = verifications.timeline(id, u);
                model.addAttribute("request", t.request());
                model.addAttribute("subject", t.request().subjectMasked());
                model.addAttribute("events", t.events());
            } else {
                RequestDetail d = verifications.detail(id, u);
                model.addAttribute("request", d);
                model.addAttribute("subject", d.subjectName() + " " + d.subjectId());
                model.addAttribute("events", d.timeline());
                model.addAttribute("details", true);
                if (d.issuingUnit().equals(u.unitCode()) && d.status().awaitsAnswer()) {
                    answerForm(d, model, locale);
                }
            }
        } catch (HubException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                // another unit's request and one that does not exist look the same: nobody probes for ids. No cause:
                // the API's problem-details advice would answer for a HubException found among the causes. The audit trail
                // records the refusal either way
                events.publishEvent(new org.proofhub.hub.platform.AccessRefused(u.username(), "GET /console/requests/"
                        + Masking.maskIdentifiers(id), e.type() == null ? e.title() : e.type().toString()));
                throw new AccessDeniedException("verification request " + Masking.maskIdentifiers(id) + " is not visible to "
                        + u.username() + ": " + e.getMessage());
            }
            throw e;
        }
        model.addAttribute("unitNames", unitNames(locale));
        return "console/request";
    }

    /**
     * The issuing unit answers in the console (for departments without a system of their own on the JMS contract): the
     * proof type's facts to confirm, prefilled with what the applicant declared and the subject's name and identifier;
     * a delay up to the item's limit; a rejection; a return while its half hour lasts.
     */
    private void answerForm(RequestDetail d, Model model, Locale locale) {
        Instant now = clock.instant();
        List<AnswerField> fields = new ArrayList<>();
        proofTypes.find(d.proofType()).ifPresent(type -> type.facts().stream().filter(f -> f.field() != null).forEach(f ->
                fields.add(new AnswerField(f.field(), f.label() == null ? f.field() : f.label(), f.values(), prefill(d, f.field())))));
        if (fields.isEmpty() && d.declared() != null) {
            d.declared().forEach((k, v) -> fields.add(new AnswerField(k, k, null, v)));
        }
        model.addAttribute("answerable", true);
        model.addAttribute("answerFields", fields);
        model.addAttribute("mayReturn", d.returnUntil() != null && now.isBefore(d.returnUntil()));
        model.addAttribute("mayDelay", d.escalatedAt() == null && now.isBefore(d.deadline()));
        model.addAttribute("otherUnits", unitNames(locale).entrySet().stream().filter(e -> !e.getKey().equals(d.issuingUnit()))
                .sorted(Map.Entry.comparingByKey()).toList());
        model.addAttribute("latestDeadlineLocal", LOCAL.format(d.latestDeadline()));
        model.addAttribute("nowLocal", LOCAL.format(now));
    }

    /** A fact to confirm: its field, label, coded values (null for free text) and the value offered. */
    record AnswerField(String field, String label, Map<String, String> values, String value) {
    }

    private static String prefill(RequestDetail d, String field) {
        if (d.declared() != null) {
            for (Map.Entry<String, String> e : d.declared().entrySet()) {
                if (e.getKey().equalsIgnoreCase(field)) {
                    return e.getValue();
                }
            }
        }
        return switch (field) {
            case "name" -> d.subjectName();
            case "citizenId", "uscc" -> d.subjectId();
            default -> "";
        };
    }

    @PostMapping("/console/requests/{id}/answer")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    String answer(@PathVariable String id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        HubUser u = accounts.current();
        try {
            ReplyKind kind = ReplyKind.valueOf(form.getOrDefault("kind", ""));
            Map<String, String> content = new LinkedHashMap<>();
            form.forEach((k, v) -> {
                if (k.startsWith("fact.") && v != null && !v.isBlank()) {
                    content.put(k.substring("fact.".length()), v.strip());
                }
            });
            Instant newDeadline = form.get("newDeadline") == null || form.get("newDeadline").isBlank() ? null
                    : LocalDateTime.parse(form.get("newDeadline")).atZone(BeijingTime.ZONE).toInstant();
            verifications.answer(id, new Answer(kind, content.isEmpty() ? null : content, form.get("reason"), newDeadline,
                    form.get("suggestedUnit")), u);
            redirect.addFlashAttribute("answered", kind.name());
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            redirect.addFlashAttribute("problem", "the form was not filled in as expected (" + e.getMessage() + ")");
        } catch (HubException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                // another unit's request (the refusal is audited) or none: the console's 403 page, as for reading it
                throw new AccessDeniedException("verification request " + Masking.maskIdentifiers(id) + " is not open to " + u.username());
            }
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/requests/" + id;
    }

    /** The ID scan of a request, for the two units' people in the console (the read is audited, as through the API). */
    @GetMapping("/console/requests/{id}/id-scan")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    ResponseEntity<byte[]> idScan(@PathVariable String id) {
        HubUser u = accounts.current();
        VerificationSubmission.IdScan scan = ConsoleRefusals.forbiddenIfRefused(() -> verifications.idScan(id, u),
                () -> "the ID scan of request " + Masking.maskIdentifiers(id) + " is not open to " + u.username(), events,
                "GET /console/requests/" + Masking.maskIdentifiers(id) + "/id-scan");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(scan.contentType()))
                .header("Content-Disposition", "inline").header("Cache-Control", "no-store").body(scan.content());
    }

    private Map<String, String> unitNames(Locale locale) {
        return unitNames(accounts, locale);
    }

    /** Each unit's name in the page's language, by code. */
    static Map<String, String> unitNames(Accounts accounts, Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        return accounts.units().stream().collect(Collectors.toMap(Accounts.Unit::code,
                unit -> english && unit.nameEn() != null ? unit.nameEn() : unit.name()));
    }
}
