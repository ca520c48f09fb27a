package org.proofhub.hub.ops.console;

import java.util.ArrayList;
import java.util.List;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.commitment.PostCheckTasks;
import org.proofhub.hub.ingest.ConnectorStatus;
import org.proofhub.hub.ingest.Connectors;
import org.proofhub.hub.verification.Supervision;
import org.proofhub.hub.verification.UnitSla;
import org.proofhub.hub.verification.Verifications;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's first page (工作台): what the account can do and what waits for it — the unit's requests awaiting an
 * answer and pending post-checks for agents and supervisors, the alerts still needing the supervisor, connectors not
 * running for operators, accounts locked by wrong passwords for administrators — each a link to the page that deals with it. Counts only: no personal data.
 */
@Controller
class HomeConsoleController {
    /** Counted up to this many; the page says "1000+" beyond. */
    static final int COUNT_UP_TO = 1000;

    private final Accounts accounts;
    private final Verifications verifications;
    private final Supervision supervision;
    private final PostCheckTasks postChecks;
    private final Connectors connectors;
    private final org.proofhub.hub.account.AccountAdministration administration;
    private final org.proofhub.hub.verification.Rosters rosters;

    HomeConsoleController(Accounts accounts, Verifications verifications, Supervision supervision, PostCheckTasks postChecks,
                          Connectors connectors, org.proofhub.hub.account.AccountAdministration administration,
                          org.proofhub.hub.verification.Rosters rosters) {
        this.administration = administration;
        this.rosters = rosters;
        this.accounts = accounts;
        this.verifications = verifications;
        this.supervision = supervision;
        this.postChecks = postChecks;
        this.connectors = connectors;
    }

    /** One thing waiting for the account: a label key, how many, and where to deal with it. */
    record Waiting(String id, String label, String count, String href, boolean hot) {
    }

    @GetMapping("/console")
    String home(Model model) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        List<Waiting> waiting = new ArrayList<>();
        if (u.has(Role.AGENT) || u.has(Role.SUPERVISOR)) {
            long awaiting = verifications.sla(u).stream().filter(s -> s.unit().equals(u.unitCode())).mapToLong(UnitSla::awaiting).sum();
            waiting.add(new Waiting("home-awaiting", "home.awaiting", String.valueOf(awaiting), "/console/sla", awaiting > 0));
            int checks = postChecks.forUnit(u.unitCode(), "PENDING").size();
            waiting.add(new Waiting("home-checks", "home.checks", count(checks), "/console/post-checks", checks > 0));
        }
        if (u.has(Role.SUPERVISOR)) {
            int alerts = supervision.alerts(u, true, COUNT_UP_TO + 1).size();
            waiting.add(new Waiting("home-alerts", "home.alerts", count(alerts), "/console/supervision", alerts > 0));
        }
        if (u.has(Role.OPERATOR) || u.has(Role.INTEGRATOR) || u.has(Role.ADMIN)) {
            List<ConnectorStatus> statuses = connectors.statuses();
            long down = statuses.stream().filter(c -> !c.upOrElsewhere()).count();
            long quarantined = statuses.stream().mapToLong(ConnectorStatus::quarantinePending).sum();
            waiting.add(new Waiting("home-connectors-down", "home.connectorsDown", String.valueOf(down), "/console/connectors", down > 0));
            waiting.add(new Waiting("home-quarantine", "home.quarantine", String.valueOf(quarantined), "/console/quarantine", quarantined > 0));
        }
        boolean allUnits = u.has(Role.OPERATOR) || u.has(Role.ADMIN) || u.has(Role.INTEGRATOR);
        if (allUnits || u.has(Role.SUPERVISOR)) {
            // units whose new requests go to the supervisor because nobody is on duty (SPEC 4.6)
            org.proofhub.hub.verification.Rosters.RosterReport roster = rosters.report();
            long nobody = roster.unitsWithoutDuty().stream().filter(unit -> allUnits || unit.equals(u.unitCode())).count();
            waiting.add(new Waiting("home-nobody-on-duty", "home.nobodyOnDuty", String.valueOf(nobody), "/console/roster", nobody > 0));
            // a supervisor post whose account was disabled, moved or lost the role: escalations name nobody
            long noSupervisor = roster.unitsWithoutSupervisor().stream().filter(unit -> allUnits || unit.equals(u.unitCode())).count();
            if (noSupervisor > 0) {
                waiting.add(new Waiting("home-no-supervisor", "home.noSupervisor", String.valueOf(noSupervisor), "/console/roster", true));
            }
        }
        if (u.has(Role.ADMIN)) {
            long locked = administration.lockedAccounts();
            waiting.add(new Waiting("home-locked", "home.locked", String.valueOf(locked), "/console/admin/accounts", locked > 0));
        }
        model.addAttribute("waiting", waiting);
        return "console/home";
    }

    private static String count(int n) {
        return n > COUNT_UP_TO ? COUNT_UP_TO + "+" : String.valueOf(n);
    }
}
