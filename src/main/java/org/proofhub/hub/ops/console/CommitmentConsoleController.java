package org.proofhub.hub.ops.console;

import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.catalog.Method;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.commitment.Applicant;
import org.proofhub.hub.commitment.CommitmentRequests;
import org.proofhub.hub.commitment.CommitmentView;
import org.proofhub.hub.commitment.Commitments;
import org.proofhub.hub.commitment.PostCheckTasks;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.proof.ProofTypes;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Commitments at the window in the console (告知承诺, SPEC §5): offer one in place of a proof the list waives by
 * commitment, print the two letters, record the signature, the applicant's decline or withdrawal, and the decision that
 * opens the post-check. An applicant who may not commit is told why, in the words the hub gives for the applicant, with
 * the other ways to the proof. The applicant appears masked on the commitment's page; the letters name them, and opening
 * one is audited. The unit responsible for a post-check lists its checks, due first, and records the finding.
 */
@Controller
class CommitmentConsoleController {
    private static final Set<Method> COMMITMENT_METHODS = Set.of(Method.DECLARATION_COMMITMENT, Method.NOTIFICATION_COMMITMENT);

    private final Accounts accounts;
    private final Commitments commitments;
    private final PublishedList list;
    private final ProofTypes types;
    private final PostCheckTasks postChecks;
    private final ApplicationEventPublisher events;

    CommitmentConsoleController(Accounts accounts, Commitments commitments, PublishedList list, ProofTypes types, PostCheckTasks postChecks,
                                ApplicationEventPublisher events) {
        this.events = events;
        this.accounts = accounts;
        this.commitments = commitments;
        this.list = list;
        this.types = types;
        this.postChecks = postChecks;
    }

    @GetMapping("/console/commitments/new")
    @PreAuthorize("hasRole('AGENT')")
    String form(Model model, Locale locale) {
        ConsoleUser.addTo(model, accounts);
        WindowConsoleController.addWindowForm(model, list, types, COMMITMENT_METHODS, locale);
        return "console/commitment-new";
    }

    @PostMapping("/console/commitments")
    @PreAuthorize("hasRole('AGENT')")
    String offer(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        HubUser u = accounts.current();
        try {
            String[] choice = WindowConsoleController.choice(form);
            boolean organisation = "ORGANISATION".equals(form.get("subjectType"));
            Applicant applicant = organisation
                    ? new Applicant(form.get("orgName"), null, form.get("uscc"), blankToNull(form.get("legalRepresentative")),
                    blankToNull(form.get("address")), blankToNull(form.get("phone")))
                    : new Applicant(form.get("name"), form.get("citizenId"), null, null, blankToNull(form.get("address")), blankToNull(form.get("phone")));
            CommitmentView v = commitments.offer(new CommitmentRequests.Offer(choice[0], choice[1], form.get("applicationId"), applicant,
                    WindowConsoleController.declared(form.get("declared"))), u);
            redirect.addFlashAttribute("done", "OFFERED");
            return "redirect:/console/commitments/" + v.id();
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            Object reasons = e.properties() == null ? null : e.properties().get("reasons");
            if (reasons != null) {
                redirect.addFlashAttribute("reasons", reasons);
            }
            redirect.addFlashAttribute("form", form);
            return "redirect:/console/commitments/new";
        }
    }

    @GetMapping("/console/commitments/{id}")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    String commitment(@PathVariable String id, Model model, Locale locale) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        // read again after an action too: the flash attribute is the action's answer, the read checks who may see it
        CommitmentView c = ConsoleRefusals.forbiddenIfRefused(() -> commitments.view(id, u), () -> "commitment " + id,
                events, "GET /console/commitments/" + id);
        if (!model.containsAttribute("commitment")) {
            model.addAttribute("commitment", c);
        }
        model.addAttribute("mayAct", u.has(org.proofhub.hub.account.Role.AGENT)
                && (java.util.Objects.equals(u.unitCode(), c.offeredUnit()) || java.util.Objects.equals(u.unitCode(), c.responsibleUnit())));
        model.addAttribute("unitNames", VerificationConsoleController.unitNames(accounts, locale));
        return "console/commitment";
    }

    @PostMapping("/console/commitments/{id}/{action}")
    @PreAuthorize("hasRole('AGENT')")
    String act(@PathVariable String id, @PathVariable String action, @RequestParam Map<String, String> form,
               @RequestParam(name = "evidenceFile", required = false) MultipartFile evidence, RedirectAttributes redirect) {
        HubUser u = accounts.current();
        try {
            CommitmentView v = switch (action) {
                case "sign" -> commitments.sign(id, signature(form, evidence), u);
                case "decline" -> commitments.decline(id, form.get("reason"), u);
                case "withdraw" -> commitments.withdraw(id, form.get("reason"), u);
                case "decide" -> commitments.decide(id, form.get("decisionRef"), u);
                default -> throw HubException.notFound("commitment-action", "no action '" + action + "' on a commitment");
            };
            // the decline's and withdrawal's alternatives come with that answer only; the letters' data (naming the applicant) stay out
            redirect.addFlashAttribute("commitment", v.with(v.alternatives(), null));
            redirect.addFlashAttribute("done", v.status().name());
        } catch (HubException e) {
            ConsoleRefusals.recordIfForbidden(e, events, "POST /console/commitments/" + id + "/" + action);
            redirect.addFlashAttribute("problem", e.getMessage());
        } catch (IOException e) {
            redirect.addFlashAttribute("problem", "the signature evidence could not be read: " + e.getMessage());
        }
        return "redirect:/console/commitments/" + id;
    }

    /**
     * Records the special authorisation a proxy signs under (代为承诺的特别授权): its scope is this commitment's item unless
     * the agent names the items the document names (codes separated by commas or spaces, or {@code *} for all); a scope that
     * leaves this item out is refused, as the proxy could not sign here under it. The authoriser (the applicant) and the proxy
     * are typed in again, as the page shows the applicant masked only.
     */
    @PostMapping("/console/commitments/{id}/authorisation")
    @PreAuthorize("hasRole('AGENT')")
    String authorise(@PathVariable String id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            CommitmentView c = commitments.view(id, accounts.current());
            java.util.List<String> scope = scope(form.get("scope"), c.serviceItemCode());
            java.time.LocalDate until = form.get("validUntil") == null || form.get("validUntil").isBlank() ? null
                    : java.time.LocalDate.parse(form.get("validUntil"));
            Commitments.Authorisation a = commitments.authorise(new CommitmentRequests.Authorisation(
                    new Applicant(form.get("authoriserName"), form.get("authoriserId"), null, null, null, null),
                    new CommitmentRequests.Proxy(form.get("proxyName"), form.get("proxyCitizenId")), scope,
                    form.get("documentRef"), null, until), accounts.current());
            redirect.addFlashAttribute("authorisation", a.id());
            redirect.addFlashAttribute("proxyName", form.get("proxyName"));
        } catch (HubException e) {
            ConsoleRefusals.recordIfForbidden(e, events, "POST /console/commitments/" + id + "/authorisation");
            redirect.addFlashAttribute("problem", e.getMessage());
        } catch (java.time.DateTimeException e) {
            redirect.addFlashAttribute("problem", "validUntil is not a date: " + e.getMessage());
        }
        return "redirect:/console/commitments/" + id;
    }

    /** The items an authorisation typed on the page covers: this one when nothing is typed; refused when it leaves this one out. */
    static java.util.List<String> scope(String typed, String thisItem) {
        java.util.List<String> codes = typed == null ? java.util.List.of()
                : java.util.Arrays.stream(typed.split("[,，;；\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
        if (codes.isEmpty()) {
            return java.util.List.of(thisItem);
        }
        if (!codes.contains("*") && !codes.contains(thisItem)) {
            throw HubException.badRequest("authorisation-scope", "the authorisation recorded here must cover this item " + thisItem
                    + " (or \"*\" for all): the proxy signs this commitment under it");
        }
        return codes;
    }

    @GetMapping(value = "/console/commitments/{id}/letters/{which}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    ResponseEntity<byte[]> letter(@PathVariable String id, @PathVariable String which) {
        byte[] pdf = ConsoleRefusals.forbiddenIfRefused(() -> commitments.letter(id, which, accounts.current(), "打印告知承诺书").pdf(),
                () -> "letter " + which + " of commitment " + id, events, "GET /console/commitments/" + id + "/letters/" + which + ".pdf");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"" + id + "-" + which + ".pdf\"").header("Cache-Control", "no-store").body(pdf);
    }

    // ---- post-checks of the responsible unit ----------------------------------------------------------------------

    @GetMapping("/console/post-checks")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    String postChecks(@RequestParam(defaultValue = "PENDING") String status, Model model) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        model.addAttribute("status", status);
        model.addAttribute("checks", postChecks.forUnit(u.unitCode(), "ALL".equals(status) ? null : status));
        return "console/post-checks";
    }

    @PostMapping("/console/post-checks/{id}/finding")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    String finding(@PathVariable String id, @RequestParam(required = false) String result, @RequestParam(required = false) String note,
                   RedirectAttributes redirect) {
        try {
            CommitmentView.PostCheck p = postChecks.finding(id, result, note, accounts.current());
            redirect.addFlashAttribute("found", p);
        } catch (HubException e) {
            ConsoleRefusals.recordIfForbidden(e, events, "POST /console/post-checks/" + id + "/finding");
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/post-checks";
    }

    private static CommitmentRequests.Signature signature(Map<String, String> form, MultipartFile evidence) throws IOException {
        String proxyName = blankToNull(form.get("proxyName"));
        String evidence64 = evidence == null || evidence.isEmpty() ? null : Base64.getEncoder().encodeToString(evidence.getBytes());
        if (proxyName == null) {
            return new CommitmentRequests.Signature("APPLICANT", null, null, form.get("method"), evidence64);
        }
        return new CommitmentRequests.Signature("PROXY", new CommitmentRequests.Proxy(proxyName, form.get("proxyCitizenId")),
                form.get("authorisationId"), form.get("method"), evidence64);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
