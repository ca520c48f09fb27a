package org.proofhub.hub.ops.console;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.verification.Rosters;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The verification rosters (值班表, AB 岗, SPEC §4.6) in the console: agents and supervisors see their unit's posts and who is
 * on duty, an agent marks themself away or back and the supervisor any of the unit's agents (an agent who leaves hands their
 * open requests to the partner); operators, auditors, integrators and admins see every unit and the units without anyone on
 * duty; integrators and admins check and apply a roster (the YAML of a roster file). The same service, checks and audit
 * records as {@code /api/verification/roster}.
 */
@Controller
class RosterConsoleController {
    private final Accounts accounts;
    private final Rosters rosters;

    RosterConsoleController(Accounts accounts, Rosters rosters) {
        this.accounts = accounts;
        this.rosters = rosters;
    }

    static boolean mayRead(HubUser u) {
        return u.has(Role.AGENT) || u.has(Role.SUPERVISOR) || seesAllUnits(u);
    }

    private static boolean seesAllUnits(HubUser u) {
        return u.has(Role.OPERATOR) || u.has(Role.AUDITOR) || u.has(Role.ADMIN) || u.has(Role.INTEGRATOR);
    }

    private static boolean mayApply(HubUser u) {
        return u.has(Role.ADMIN) || u.has(Role.INTEGRATOR);
    }

    @GetMapping("/console/roster")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','OPERATOR','AUDITOR','ADMIN','INTEGRATOR')")
    String roster(Model model, Locale locale) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        Rosters.RosterReport report = rosters.report();
        boolean all = seesAllUnits(u);
        List<Rosters.UnitRoster> units = all ? report.units()
                : report.units().stream().filter(r -> r.unit().equals(u.unitCode())).toList();
        model.addAttribute("units", units);
        model.addAttribute("allUnits", all);
        model.addAttribute("unitsWithoutDuty", all ? report.unitsWithoutDuty()
                : report.unitsWithoutDuty().stream().filter(u.unitCode()::equals).toList());
        model.addAttribute("unitsWithoutSupervisor", all ? report.unitsWithoutSupervisor()
                : report.unitsWithoutSupervisor().stream().filter(u.unitCode()::equals).toList());
        model.addAttribute("warnings", all ? report.warnings() : List.of());
        model.addAttribute("mayApply", mayApply(u));
        model.addAttribute("unitNames", VerificationConsoleController.unitNames(accounts, locale));
        return "console/roster";
    }

    /** Away or back: the agent themself, the unit's supervisor or an admin (the service says who may). */
    @PostMapping("/console/roster/{username}/availability")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','ADMIN')")
    String availability(@PathVariable String username, @RequestParam boolean available, RedirectAttributes redirect) {
        try {
            rosters.setAvailable(username, available, accounts.current());
            redirect.addFlashAttribute("done", available ? "back" : "away");
            redirect.addFlashAttribute("doneAccount", username);
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/roster";
    }

    /** Checks a roster (the YAML of a roster file) and, with {@code apply}, applies it. */
    @PostMapping("/console/roster")
    @PreAuthorize("hasAnyRole('ADMIN','INTEGRATOR')")
    String apply(@RequestParam String yaml, @RequestParam(defaultValue = "check") String action, RedirectAttributes redirect) {
        boolean checkOnly = !"apply".equals(action);
        try {
            Rosters.RosterReport r = rosters.apply("console", yaml.getBytes(StandardCharsets.UTF_8), checkOnly, accounts.current());
            redirect.addFlashAttribute("done", checkOnly ? "checked" : "applied");
            redirect.addFlashAttribute("rosterWarnings", r.warnings());
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        redirect.addFlashAttribute("yaml", yaml);
        return "redirect:/console/roster";
    }
}
