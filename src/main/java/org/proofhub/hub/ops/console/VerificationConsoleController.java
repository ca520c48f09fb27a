package org.proofhub.hub.ops.console;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.platform.Masking;
import org.proofhub.hub.verification.RequestDetail;
import org.proofhub.hub.verification.RequestSummary;
import org.proofhub.hub.verification.RequestTimeline;
import org.proofhub.hub.verification.Verifications;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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

    private final Accounts accounts;
    private final Verifications verifications;
    private final SlaBoard board;
    private final SlaBoardStream stream;
    private final ConsoleProperties properties;
    private final org.springframework.context.ApplicationEventPublisher events;

    VerificationConsoleController(Accounts accounts, Verifications verifications, SlaBoard board, SlaBoardStream stream,
                                  ConsoleProperties properties, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
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
        model.addAttribute("rows", board.rows(u));
        model.addAttribute("postChecks", board.postChecks(u));
        model.addAttribute("unitNames", unitNames(locale));
        model.addAttribute("dueSoonMinutes", properties.slaDueSoon().toMinutes());
        if (u.has(Role.AGENT) || u.has(Role.SUPERVISOR)) {
            model.addAttribute("open", verifications.inbox(u, true, OPEN_REQUESTS_SHOWN).stream()
                    .sorted(Comparator.comparing(RequestSummary::deadline).thenComparing(RequestSummary::id)).toList());
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
