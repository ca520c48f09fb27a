package org.proofhub.hub.ops.console;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.account.AccountAdministration;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.platform.HubException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Accounts in the console: administrators keep units and accounts (create, roles, unit, enable, temporary password,
 * unlock, remove a lost second factor), everyone changes their own password — also one an administrator set, which does not let its holder in until
 * it is changed (the login form leads here). The same service, checks and audit records as {@code /api/admin}.
 */
@Controller
class AccountConsoleController {
    private final Accounts accounts;
    private final AccountAdministration administration;

    private final org.proofhub.hub.account.SecondFactors secondFactors;

    AccountConsoleController(Accounts accounts, AccountAdministration administration, org.proofhub.hub.account.SecondFactors secondFactors) {
        this.accounts = accounts;
        this.administration = administration;
        this.secondFactors = secondFactors;
    }

    @GetMapping("/console/admin/accounts")
    @PreAuthorize("hasRole('ADMIN')")
    String accounts(@RequestParam(required = false) String unit, Model model) {
        ConsoleUser.addTo(model, accounts);
        String shown = unit == null || unit.isBlank() ? null : unit;
        model.addAttribute("unit", shown);
        model.addAttribute("units", administration.units());
        model.addAttribute("accounts", administration.accounts(shown));
        model.addAttribute("allRoles", Arrays.stream(Role.values()).map(Role::name).toList());
        model.addAttribute("minLength", administration.policy().minLength());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
        return "console/accounts";
    }

    @PostMapping("/console/admin/accounts")
    @PreAuthorize("hasRole('ADMIN')")
    String create(@RequestParam Map<String, String> form, @RequestParam(name = "roles", required = false) List<String> roles,
                  RedirectAttributes redirect) {
        try {
            AccountAdministration.AccountSummary a = administration.create(new AccountAdministration.NewAccount(form.get("username"),
                    form.get("displayName"), form.get("unitCode"), roles(roles), form.get("password")), accounts.current());
            redirect.addFlashAttribute("done", "created");
            redirect.addFlashAttribute("doneAccount", a.username());
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            Map<String, String> kept = new java.util.HashMap<>(form);
            kept.remove("password");
            redirect.addFlashAttribute("form", kept);
        }
        return "redirect:/console/admin/accounts";
    }

    @PostMapping("/console/admin/accounts/{username}/{action}")
    @PreAuthorize("hasRole('ADMIN')")
    String act(@PathVariable String username, @PathVariable String action, @RequestParam Map<String, String> form,
               @RequestParam(name = "roles", required = false) List<String> roles, RedirectAttributes redirect) {
        HubUser by = accounts.current();
        try {
            switch (action) {
                case "enable", "disable" -> administration.change(username,
                        new AccountAdministration.AccountChange(null, null, null, "enable".equals(action)), by);
                case "roles" -> administration.change(username, new AccountAdministration.AccountChange(blankToNull(form.get("displayName")),
                        blankToNull(form.get("unitCode")), roles(roles), null), by);
                case "unlock" -> administration.unlock(username, by);
                case "second-factor" -> secondFactors.remove(username, by);
                case "password" -> administration.resetPassword(username, form.get("password"), by);
                default -> throw HubException.notFound("account-action", "no action '" + action + "' on an account");
            }
            redirect.addFlashAttribute("done", action);
            redirect.addFlashAttribute("doneAccount", username);
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/admin/accounts";
    }

    @PostMapping("/console/admin/units")
    @PreAuthorize("hasRole('ADMIN')")
    String saveUnit(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            administration.saveUnit(new Accounts.Unit(form.get("code"), form.get("name"), form.get("nameEn"), form.get("kind")), accounts.current());
            redirect.addFlashAttribute("done", "unit");
            redirect.addFlashAttribute("doneAccount", form.get("code"));
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/admin/accounts";
    }

    /** Changing one's password: open to all (the login form sends a holder of an expired password here, not logged in). */
    @GetMapping("/login/password")
    String passwordForm(Model model) {
        model.addAttribute("me", loggedIn());
        model.addAttribute("minLength", administration.policy().minLength());
        return "console/password";
    }

    @PostMapping("/login/password")
    String changePassword(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        String me = loggedIn();
        // a logged-in holder changes their own password only
        String username = me != null ? me : form.get("username");
        if (form.get("newPassword") == null || !form.get("newPassword").equals(form.get("repeatPassword"))) {
            redirect.addFlashAttribute("problem", "the new password and its repetition differ");
            redirect.addFlashAttribute("username", username);
            return "redirect:/login/password";
        }
        try {
            administration.changeOwnPassword(username, form.get("currentPassword"), form.get("newPassword"));
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("username", username);
            return "redirect:/login/password";
        }
        if (me != null) {
            redirect.addFlashAttribute("passwordChanged", true);
            return "redirect:/console";
        }
        return "redirect:/login?changed";
    }

    private static String loggedIn() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || a instanceof AnonymousAuthenticationToken || !a.isAuthenticated() ? null : a.getName();
    }

    private static List<Role> roles(List<String> names) {
        if (names == null) {
            return List.of();
        }
        try {
            return names.stream().map(Role::valueOf).toList();
        } catch (IllegalArgumentException e) {
            throw HubException.badRequest("account-roles", "unknown role: " + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
