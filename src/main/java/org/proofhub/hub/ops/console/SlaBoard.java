package org.proofhub.hub.ops.console;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.commitment.PostCheckOverview;
import org.proofhub.hub.verification.UnitSla;
import org.proofhub.hub.verification.Verifications;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The SLA board as one account may see it: counts only, every unit for operators, auditors and admins, the
 * own unit for its agents and supervisor. Accounts with the same {@link #scope} see the same board.
 */
@Component
class SlaBoard {
    /** The scope of accounts that see every unit. */
    static final String ALL_UNITS = "*";

    private final Verifications verifications;
    private final Accounts accounts;
    private final ConsoleProperties properties;
    private final ObjectProvider<PostCheckOverview> postChecks;

    SlaBoard(Verifications verifications, Accounts accounts, ConsoleProperties properties, ObjectProvider<PostCheckOverview> postChecks) {
        this.verifications = verifications;
        this.accounts = accounts;
        this.properties = properties;
        this.postChecks = postChecks;
    }

    static boolean seesAllUnits(HubUser u) {
        return u.has(Role.OPERATOR) || u.has(Role.AUDITOR) || u.has(Role.ADMIN);
    }

    static boolean mayWatch(HubUser u) {
        return seesAllUnits(u) || u.has(Role.AGENT) || u.has(Role.SUPERVISOR);
    }

    static String scope(HubUser u) {
        return seesAllUnits(u) ? ALL_UNITS : u.unitCode();
    }

    /** The post-checks without a finding per responsible unit in the scope, counted now; empty when the hub runs no post-checks. */
    List<PostCheckOverview.UnitPostChecks> postChecks(HubUser u) {
        return postChecks(u, postChecksNow());
    }

    /** Every unit's post-checks without a finding, counted now (once for all the scopes a refresh sends to). */
    List<PostCheckOverview.UnitPostChecks> postChecksNow() {
        PostCheckOverview overview = postChecks.getIfAvailable();
        return overview == null ? List.of() : overview.countNow();
    }

    /** The rows of {@code counted} that {@code u} may see. */
    static List<PostCheckOverview.UnitPostChecks> postChecks(HubUser u, List<PostCheckOverview.UnitPostChecks> counted) {
        return counted.stream().filter(p -> seesAllUnits(u) || p.unit().equals(u.unitCode())).toList();
    }

    /** One row per unit in the scope, in unit order; a unit without requests shows zeros. */
    List<UnitSla> rows(HubUser u) {
        Map<String, UnitSla> counted = verifications.sla(u, properties.slaDueSoon()).stream()
                .collect(Collectors.toMap(UnitSla::unit, Function.identity()));
        TreeSet<String> units = new TreeSet<>();
        if (seesAllUnits(u)) {
            accounts.units().forEach(unit -> units.add(unit.code()));
            units.addAll(counted.keySet());
        } else {
            units.add(u.unitCode());
        }
        return units.stream().map(code -> counted.getOrDefault(code, new UnitSla(code, 0, 0, 0, 0, 0, 0, 0))).toList();
    }
}
