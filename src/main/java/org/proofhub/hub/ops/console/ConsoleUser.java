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
        model.addAttribute("can", Map.of(
                "ops", u.has(Role.OPERATOR) || u.has(Role.INTEGRATOR) || u.has(Role.ADMIN),
                "sla", SlaBoard.mayWatch(u),
                "seals", u.has(Role.OPERATOR) || u.has(Role.ADMIN) || u.has(Role.AUDITOR),
                "audit", u.has(Role.AUDITOR),
                "findings", FindingsConsoleController.mayRead(u),
                "supervision", SupervisionConsoleController.mayRead(u),
                "window", WindowConsoleController.mayUse(u),
                "postChecks", u.has(Role.AGENT) || u.has(Role.SUPERVISOR),
                "ledger", LedgerConsoleController.mayRead(u),
                "accounts", u.has(Role.ADMIN)));
        return u;
    }
}
