package org.proofhub.hub.ops.console;

import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.commitment.RefusedFindings;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The post-check findings the hub refused on its JMS queue, with the reason: a unit's agents and supervisor see what
 * their unit's system sent and must send again; operators and administrators see all of them, unreadable ones too.
 */
@Controller
class FindingsConsoleController {
    /** Most refused findings the page lists, newest first. */
    static final int SHOWN = 200;

    private final Accounts accounts;
    private final RefusedFindings findings;

    FindingsConsoleController(Accounts accounts, RefusedFindings findings) {
        this.accounts = accounts;
        this.findings = findings;
    }

    /** Who may open the page (the navigation shows it to them only). */
    static boolean mayRead(HubUser u) {
        return u.has(Role.AGENT) || u.has(Role.SUPERVISOR) || u.has(Role.OPERATOR) || u.has(Role.ADMIN);
    }

    @GetMapping("/console/findings")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','OPERATOR','ADMIN')")
    String findings(Model model) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        boolean all = u.has(Role.OPERATOR) || u.has(Role.ADMIN);
        model.addAttribute("all", all);
        model.addAttribute("rows", findings.refused(all ? null : u.unitCode(), SHOWN));
        return "console/findings";
    }
}
