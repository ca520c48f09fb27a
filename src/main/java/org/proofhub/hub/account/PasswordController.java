package org.proofhub.hub.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The holder of an account changes its password by proving the current one; no login needed, so that a password an
 * administrator set (which does not let its holder log in) can be changed too.
 */
@RestController
@Tag(name = "Accounts and units")
class PasswordController {
    private final AccountAdministration administration;

    PasswordController(AccountAdministration administration) {
        this.administration = administration;
    }

    record PasswordChange(String username, String currentPassword, String newPassword) {
    }

    @PostMapping("/api/public/account/password")
    @Operation(summary = "Change one's own password with the current one (also a temporary one an administrator set)",
            description = "204 when changed. 403 bad-credentials (counts towards the lock), account-locked or account-disabled; "
                    + "400 password-policy with problems[] when the new password is too weak.")
    ResponseEntity<Void> change(@RequestBody PasswordChange body) {
        if (body == null) {
            throw org.proofhub.hub.platform.HubException.badRequest("password-change", "give username, currentPassword and newPassword");
        }
        administration.changeOwnPassword(body.username(), body.currentPassword(), body.newPassword());
        return ResponseEntity.noContent().build();
    }
}
