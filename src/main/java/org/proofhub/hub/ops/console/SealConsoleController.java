package org.proofhub.hub.ops.console;

import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.seal.RevocationReason;
import org.proofhub.hub.seal.Seal;
import org.proofhub.hub.seal.SealAdministration;
import org.proofhub.hub.seal.SealAlgorithm;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An administrator rotates a seal (a new key and certificate take over, e.g. before the certificate the page marks as
 * expiring ends; proofs sealed before keep verifying) or revokes one with its reason (its certificate goes on the CRL),
 * from the seal page, as {@code /api/seals} does; both audited.
 */
@Controller
class SealConsoleController {
    private final Accounts accounts;
    private final SealAdministration seals;

    SealConsoleController(Accounts accounts, SealAdministration seals) {
        this.accounts = accounts;
        this.seals = seals;
    }

    @PostMapping("/console/seals/{sealId}/rotate")
    @PreAuthorize("hasRole('ADMIN')")
    String rotate(@PathVariable String sealId, @RequestParam(required = false) String algorithm, RedirectAttributes redirect) {
        try {
            Seal next = seals.rotate(sealId, algorithm == null || algorithm.isBlank() ? null : SealAlgorithm.valueOf(algorithm), accounts.current());
            redirect.addFlashAttribute("rotated", next.id());
        } catch (HubException | IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/seals";
    }

    @PostMapping("/console/seals/{sealId}/revoke")
    @PreAuthorize("hasRole('ADMIN')")
    String revoke(@PathVariable String sealId, @RequestParam String reason, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("revoked", seals.revoke(sealId, RevocationReason.valueOf(reason), accounts.current()).id());
        } catch (HubException | IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/seals";
    }
}
