package org.proofhub.hub.commitment.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.commitment.CommitmentRequests;
import org.proofhub.hub.commitment.CommitmentView;
import org.proofhub.hub.commitment.RefusedFindings;
import org.proofhub.hub.platform.HubException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A responsible unit's post-checks of commitments and their findings. */
@RestController
@RequestMapping("/api/post-checks")
@Tag(name = "Commitments")
class PostCheckController {
    private final PostChecks postChecks;
    private final RefusedFindings findings;
    private final Accounts accounts;

    PostCheckController(PostChecks postChecks, RefusedFindings findings, Accounts accounts) {
        this.postChecks = postChecks;
        this.findings = findings;
        this.accounts = accounts;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "The post-checks of the caller's unit, due first (status: PENDING, EXEMPT, NOT_SAMPLED, CONFIRMED, FOUND_FALSE)")
    List<CommitmentView.PostCheck> mine(@RequestParam(required = false) String status) {
        HubUser user = accounts.current();
        return postChecks.forUnit(user.unitCode(), status);
    }

    @GetMapping("/refused-findings")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','OPERATOR','ADMIN')")
    @Operation(summary = "Findings sent over JMS (hub.commitment.findings) that the hub refused, newest first, with the reason",
            description = "Agents and supervisors see their unit's; operators and administrators see all, unreadable messages included. "
                    + "Reasons are masked (no citizen ID or USCC in clear).")
    List<RefusedFindings.Refused> refusedFindings(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1_000) {
            throw HubException.badRequest("limit", "limit is 1 to 1000");
        }
        HubUser user = accounts.current();
        boolean all = user.has(Role.OPERATOR) || user.has(Role.ADMIN);
        return findings.refused(all ? null : user.unitCode(), limit);
    }

    @PostMapping("/{id}/finding")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','ADMIN')")
    @Operation(summary = "Record a check's finding; FALSE records a false commitment, tells the credit department and revokes the decision",
            description = "FALSE: false_commitment row, message on dept.<credit unit>.credit-entries, commitment REVOKED and a decision-revoked "
                    + "event on hub.commitment.events — in one transaction.")
    CommitmentView.PostCheck finding(@PathVariable String id, @RequestBody CommitmentRequests.Finding finding) {
        return postChecks.finding(id, finding == null ? null : finding.result(), finding == null ? null : finding.note(), accounts.current());
    }
}
