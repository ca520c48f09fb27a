package org.proofhub.hub.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * One's own second factor (an authenticator app's one-time codes), and an administrator's removal of another account's.
 * An account that must have one and has none yet may call these addresses only, with its password.
 */
@RestController
@Tag(name = "Accounts and units")
class SecondFactorController {
    private final SecondFactors secondFactors;
    private final Accounts accounts;

    SecondFactorController(SecondFactors secondFactors, Accounts accounts) {
        this.secondFactors = secondFactors;
        this.accounts = accounts;
    }

    /** Whether the account must log in with a second factor, and where its own stands. */
    record Status(String username, boolean required, SecondFactors.State state) {
    }

    record Code(String code) {
    }

    @GetMapping(SecondFactorFilter.OWN)
    @Operation(summary = "Whether this account needs a second factor (等保: administrators) and whether it has one")
    Status status() {
        HubUser me = accounts.current();
        return new Status(me.username(), secondFactors.required(me), secondFactors.state(me.username()));
    }

    @PostMapping(SecondFactorFilter.OWN)
    @Operation(summary = "Start enrolment: a key (Base32, and an otpauth:// URI for a QR code) to add to an authenticator app",
            description = "The same key again while it waits for its first code. 409 second-factor-active when a confirmed one exists "
                    + "(an administrator removes it first); 409 second-factor-not-required for an account whose roles need none.")
    ResponseEntity<SecondFactors.Enrolment> begin() {
        return ResponseEntity.status(HttpStatus.CREATED).body(secondFactors.begin(accounts.current()));
    }

    @PostMapping(SecondFactorFilter.CONFIRM)
    @Operation(summary = "Confirm the key with the first six-digit code the app shows",
            description = "204 when confirmed; from then on every call of this account carries a current code in X-Hub-Second-Factor. "
                    + "401 bad-second-factor (counts towards the lock); 409 second-factor-not-pending.")
    ResponseEntity<Void> confirm(@RequestBody(required = false) Code body) {
        secondFactors.confirm(accounts.current().username(), body == null ? null : body.code());
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/api/admin/accounts/{username}/second-factor")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Remove an account's second factor (a lost or new phone); its holder enrols again at the next login")
    ResponseEntity<Void> remove(@PathVariable String username) {
        secondFactors.remove(username, accounts.current());
        return ResponseEntity.noContent().build();
    }
}
