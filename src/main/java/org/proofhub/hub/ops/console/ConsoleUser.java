package org.proofhub.hub.ops.console;

import java.util.Map;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.springframework.ui.Model;

/** The logged-in account as every page's navigation needs it: who it is and which pages it may open. */
final class ConsoleUser {

    private ConsoleUser() {
    }

    static HubUser addTo(Model model, Accounts accounts) {
        HubUser u = accounts.current();
        model.addAttribute("user", u);
        model.addAttribute("roles", u.roles().stream().map(Role::name).sorted().toList());
        model.addAttribute("can", Map.ofEntries(
                Map.entry("ops", u.has(Role.OPERATOR) || u.has(Role.INTEGRATOR) || u.has(Role.ADMIN)),
                Map.entry("sla", SlaBoard.mayWatch(u)),
                Map.entry("seals", u.has(Role.OPERATOR) || u.has(Role.ADMIN) || u.has(Role.AUDITOR)),
                Map.entry("audit", u.has(Role.AUDITOR)),
                Map.entry("ratings", RatingConsoleController.mayRead(u)),
                Map.entry("findings", FindingsConsoleController.mayRead(u)),
                Map.entry("supervision", SupervisionConsoleController.mayRead(u)),
                Map.entry("window", WindowConsoleController.mayUse(u)),
                Map.entry("postChecks", u.has(Role.AGENT) || u.has(Role.SUPERVISOR)),
                Map.entry("ledger", LedgerConsoleController.mayRead(u)),
                Map.entry("accounts", u.has(Role.ADMIN)),
                Map.entry("roster", RosterConsoleController.mayRead(u))));
        return u;
    }
}
