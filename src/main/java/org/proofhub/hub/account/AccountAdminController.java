package org.proofhub.hub.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Accounts and units", description = "账户管理: units, accounts, roles, temporary passwords and locks (administrators)")
class AccountAdminController {
    private final AccountAdministration administration;
    private final Accounts accounts;

    AccountAdminController(AccountAdministration administration, Accounts accounts) {
        this.administration = administration;
        this.accounts = accounts;
    }

    /** A unit as an administrator saves it; the code comes from the path. */
    record UnitBody(String name, String nameEn, String kind) {
    }

    /** A temporary password. */
    record PasswordBody(String password) {
    }

    @GetMapping("/units")
    @Operation(summary = "The units, with how many accounts each has")
    List<AccountAdministration.UnitSummary> units() {
        return administration.units();
    }

    @PutMapping("/units/{code}")
    @Operation(summary = "Create a unit or change its names and kind (DEPARTMENT, SERVICE_WINDOW, DATA_AUTHORITY)")
    AccountAdministration.UnitSummary saveUnit(@PathVariable String code, @RequestBody UnitBody body) {
        return administration.saveUnit(new Accounts.Unit(code, body.name(), body.nameEn(), body.kind()), accounts.current());
    }

    @GetMapping("/accounts")
    @Operation(summary = "Accounts (of one unit with ?unit=), with their roles, lock and whether the password must be changed; never passwords")
    List<AccountAdministration.AccountSummary> accounts(@RequestParam(required = false) String unit) {
        return administration.accounts(unit);
    }

    @GetMapping("/accounts/{username}")
    @Operation(summary = "One account")
    AccountAdministration.AccountSummary account(@PathVariable String username) {
        return administration.account(username);
    }

    @PostMapping("/accounts")
    @Operation(summary = "Create an account with a temporary password, which its holder must change at the first login",
            description = "400 password-policy with problems[] when the password is too weak; 409 account-exists; 422 unknown-unit.")
    ResponseEntity<AccountAdministration.AccountSummary> create(@RequestBody AccountAdministration.NewAccount body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(administration.create(body, accounts.current()));
    }

    @PatchMapping("/accounts/{username}")
    @Operation(summary = "Change an account's display name, unit, roles or enabled; fields left out stay",
            description = "409 last-admin when the change would leave the hub without an enabled administrator.")
    AccountAdministration.AccountSummary change(@PathVariable String username, @RequestBody AccountAdministration.AccountChange body) {
        return administration.change(username, body, accounts.current());
    }

    @PostMapping("/accounts/{username}/password")
    @Operation(summary = "Set a temporary password (the holder must change it at the next login); also unlocks the account")
    AccountAdministration.AccountSummary resetPassword(@PathVariable String username, @RequestBody PasswordBody body) {
        return administration.resetPassword(username, body == null ? null : body.password(), accounts.current());
    }

    @PostMapping("/accounts/{username}/unlock")
    @Operation(summary = "Unlock an account that wrong passwords locked, before its lock runs out")
    AccountAdministration.AccountSummary unlock(@PathVariable String username) {
        return administration.unlock(username, accounts.current());
    }
}
