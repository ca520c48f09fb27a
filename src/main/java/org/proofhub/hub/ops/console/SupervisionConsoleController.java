package org.proofhub.hub.ops.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.verification.Supervision;
import org.proofhub.hub.verification.SupervisorAlert;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supervisor's desk (督办台): the unit's alerts that still need the supervisor, with the time left of the
 * supervisor's window, and the forms to take one up or give the request to an agent on duty; below, the alerts
 * already dealt with. Operators, auditors and admins read every unit's desk and act on none. The open list follows
 * the SLA board's live counts (an escalation or a breach changes them) and reloads itself.
 */
@Controller
class SupervisionConsoleController {
    /** Most alerts shown in each part of the page. */
    static final int SHOWN = 200;

    private final Accounts accounts;
    private final Supervision supervision;
    private final Clock clock;

    SupervisionConsoleController(Accounts accounts, Supervision supervision, Clock clock) {
        this.accounts = accounts;
        this.supervision = supervision;
        this.clock = clock;
    }

    /** Who may open the desk (the navigation shows it to them only). */
    static boolean mayRead(HubUser u) {
        return u.has(Role.SUPERVISOR) || SlaBoard.seesAllUnits(u);
    }

    /** An alert as the desk shows it: whole minutes left of the supervisor's window, rounded up (null without one), and whether it is over. */
    record DeskRow(SupervisorAlert alert, Long minutesLeft, boolean windowOver) {
    }

    @GetMapping("/console/supervision")
    @PreAuthorize("hasAnyRole('SUPERVISOR','OPERATOR','AUDITOR','ADMIN')")
    String desk(Model model, Locale locale) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        Instant now = clock.instant();
        boolean acts = u.has(Role.SUPERVISOR);
        List<SupervisorAlert> all = supervision.alerts(u, false, SHOWN);
        model.addAttribute("open", supervision.alerts(u, true, SHOWN).stream().map(a -> row(a, now)).toList());
        model.addAttribute("done", all.stream().filter(a -> !a.open()).map(a -> row(a, now)).toList());
        model.addAttribute("acts", acts);
        model.addAttribute("agents", acts ? supervision.agentsOnDuty(u) : List.of());
        model.addAttribute("unitNames", VerificationConsoleController.unitNames(accounts, locale));
        return "console/supervision";
    }

    @PostMapping("/console/supervision/alerts/{id}/acknowledge")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String acknowledge(@PathVariable long id, @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            supervision.acknowledge(id, note, accounts.current());
            redirect.addFlashAttribute("acknowledged", id);
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/supervision";
    }

    @PostMapping("/console/supervision/requests/{id}/assign")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String assign(@PathVariable String id, @RequestParam String agent, @RequestParam(required = false) String note,
                  RedirectAttributes redirect) {
        try {
            supervision.assign(id, agent, note, accounts.current());
            redirect.addFlashAttribute("assigned", id);
            redirect.addFlashAttribute("assignedTo", agent);
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/supervision";
    }

    private static DeskRow row(SupervisorAlert a, Instant now) {
        if (a.respondBy() == null) {
            return new DeskRow(a, null, false);
        }
        long seconds = Duration.between(now, a.respondBy()).toSeconds();
        return new DeskRow(a, Math.max(0, (seconds + 59) / 60), seconds <= 0);
    }
}
