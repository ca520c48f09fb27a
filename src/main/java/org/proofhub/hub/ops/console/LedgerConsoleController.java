package org.proofhub.hub.ops.console;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.catalog.Method;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.ledger.PaperProofLedger;
import org.proofhub.hub.ledger.PaperProofReason;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.proof.ProofTypes;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The paper-proof ledger (纸质证明台账, SPEC §6.2) in the console: an agent records a paper proof the applicant handed in
 * although the list waives it, with the reason; the unit's lines below. Supervisors, operators, auditors and admins see
 * the report per unit and per item — where the list is not yet lived.
 */
@Controller
class LedgerConsoleController {
    /** Most of the unit's lines listed. */
    static final int SHOWN = 200;

    private final Accounts accounts;
    private final PaperProofLedger ledger;
    private final PublishedList list;
    private final ProofTypes types;
    private final Clock clock;

    LedgerConsoleController(Accounts accounts, PaperProofLedger ledger, PublishedList list, ProofTypes types, Clock clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.list = list;
        this.types = types;
        this.clock = clock;
    }

    static boolean mayRead(HubUser u) {
        return u.has(Role.AGENT) || mayReport(u);
    }

    private static boolean mayReport(HubUser u) {
        return u.has(Role.SUPERVISOR) || u.has(Role.AUDITOR) || u.has(Role.ADMIN) || u.has(Role.OPERATOR);
    }

    /** The form can come prefilled, e.g. from a declined commitment: {@code choice}, {@code applicationId}, {@code reason}. */
    @GetMapping("/console/ledger")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','AUDITOR','ADMIN','OPERATOR')")
    String ledger(@RequestParam Map<String, String> prefill, Model model, Locale locale) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        boolean records = u.has(Role.AGENT);
        model.addAttribute("records", records);
        if (records) {
            model.addAttribute("choices", WindowConsoleController.choices(list, types, EnumSet.allOf(Method.class), locale));
            model.addAttribute("reasons", PaperProofReason.values());
            if (!model.containsAttribute("form")) {
                Map<String, String> form = new LinkedHashMap<>(prefill);
                form.putIfAbsent("receivedOn", BeijingTime.today(clock).toString());
                model.addAttribute("form", form);
            }
        }
        if (u.has(Role.AGENT) || u.has(Role.SUPERVISOR)) {
            model.addAttribute("lines", ledger.lines(u.unitCode(), null, null, null).stream().limit(SHOWN).toList());
        }
        if (mayReport(u)) {
            model.addAttribute("byUnit", ledger.report(true, null, null));
            model.addAttribute("byItem", ledger.report(false, null, null));
        }
        return "console/ledger";
    }

    @PostMapping("/console/ledger")
    @PreAuthorize("hasRole('AGENT')")
    String record(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            String[] choice = WindowConsoleController.choice(form);
            PaperProofReason reason = form.get("reason") == null || form.get("reason").isBlank() ? null : PaperProofReason.valueOf(form.get("reason"));
            LocalDate on = form.get("receivedOn") == null || form.get("receivedOn").isBlank() ? null : LocalDate.parse(form.get("receivedOn"));
            PaperProofLedger.Line line = ledger.record(new PaperProofLedger.Receipt(choice[0], choice[1], form.get("applicationId"), on, reason,
                    form.get("note")), accounts.current());
            redirect.addFlashAttribute("recorded", line.id());
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("form", form);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            redirect.addFlashAttribute("problem", "the form was not filled in as expected (" + e.getMessage() + ")");
            redirect.addFlashAttribute("form", form);
        }
        return "redirect:/console/ledger";
    }
}
