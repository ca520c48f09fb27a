package org.proofhub.hub.ops.console;

import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditCheckpoints;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.audit.AuditVerification;
import org.proofhub.hub.seal.SealModule;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The audit trail's integrity on the auditor's page (SPEC §7.3: trust that the answer was not edited afterwards): check the
 * whole hash chain and every signed checkpoint now — what {@code GET /api/audit/verification} and the offline
 * {@code audit-verify} command do — and sign the chain's head with the audit seal now. The check itself is recorded.
 */
@Controller
class AuditConsoleController {
    private final Accounts accounts;
    private final DataSource dataSource;
    private final SealModule seals;
    private final AuditCheckpoints checkpoints;
    private final AuditLog audit;
    private final Clock clock;

    AuditConsoleController(Accounts accounts, DataSource dataSource, SealModule seals, AuditCheckpoints checkpoints, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.dataSource = dataSource;
        this.seals = seals;
        this.checkpoints = checkpoints;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the page shows of a check: the verdict, how much was checked, the first broken entry and why. */
    record Checked(boolean intact, String summary, long entries, long brokenAt, String reason, long checkpointsValid,
                   java.util.List<String> checkpoints) {
    }

    @PostMapping("/console/audit/verification")
    @PreAuthorize("hasRole('AUDITOR')")
    String verify(RedirectAttributes redirect) throws Exception {
        HubUser u = accounts.current();
        AuditVerification.Report report = AuditVerification.verifyHubTrail(dataSource, seals, clock.instant());
        audit.append(new AuditLog.Entry(u.username(), u.unitCode(), "AUDIT_CHAIN_VERIFIED", null, "audit",
                Map.of("intact", report.intact(), "entries", report.chain().checked(), "summary", report.summary())));
        redirect.addFlashAttribute("checked", new Checked(report.intact(), report.summary(), report.chain().checked(), report.chain().brokenAt(),
                report.chain().reason(), report.checkpointsValid(), report.checkpoints()));
        return "redirect:/console/audit";
    }

    @PostMapping("/console/audit/checkpoints")
    @PreAuthorize("hasRole('AUDITOR')")
    String checkpoint(RedirectAttributes redirect) {
        long seq = checkpoints.checkpoint();
        redirect.addFlashAttribute("signed", seq);
        return "redirect:/console/audit";
    }
}
