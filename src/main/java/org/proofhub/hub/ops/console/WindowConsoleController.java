package org.proofhub.hub.ops.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.catalog.Method;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.catalog.ServiceItem;
import org.proofhub.hub.platform.AccessRefused;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.platform.Masking;
import org.proofhub.hub.proof.IssuedProof;
import org.proofhub.hub.proof.ProofArchive;
import org.proofhub.hub.proof.ProofDisplay;
import org.proofhub.hub.proof.ProofQuery;
import org.proofhub.hub.proof.ProofService;
import org.proofhub.hub.proof.ProofType;
import org.proofhub.hub.proof.ProofTypes;
import org.proofhub.hub.proof.ProofType;
import org.proofhub.hub.dataset.Objections;
import org.proofhub.hub.canonical.CanonicalSchemas;
import org.proofhub.hub.verification.Submitted;
import org.proofhub.hub.verification.VerificationSubmission;
import org.proofhub.hub.verification.Verifications;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
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
 * The window agent's pages (窗口): a data query that answers with the sealed e-proof and its PDF (SPEC §3), and a
 * verification request to another unit (SPEC §4.1) with the unit's requests below it. They call the same services as
 * the API, with the same checks and records: the published list decides what may be asked and how, every query leaves a
 * query record, opening an archived proof is audited with its purpose.
 */
@Controller
class WindowConsoleController {
    /** Most of the unit's sent requests listed under the verification form. */
    static final int SENT_SHOWN = 50;

    private final Accounts accounts;
    private final ProofService proofs;
    private final ProofArchive archive;
    private final ProofTypes types;
    private final PublishedList list;
    private final Verifications verifications;
    private final ApplicationEventPublisher events;
    private final Objections objections;

    WindowConsoleController(Accounts accounts, ProofService proofs, ProofArchive archive, ProofTypes types, PublishedList list,
                            Verifications verifications, ApplicationEventPublisher events, Objections objections) {
        this.objections = objections;
        this.accounts = accounts;
        this.proofs = proofs;
        this.archive = archive;
        this.types = types;
        this.list = list;
        this.verifications = verifications;
        this.events = events;
    }

    /** Who sees the window pages (the navigation shows them to them only). */
    static boolean mayUse(HubUser u) {
        return u.has(Role.AGENT);
    }

    /** One proof of one item on the published list, obtained by one of the methods the page is for; {@code value} is item|proof|unit. */
    record Choice(String value, String itemCode, String itemName, String proofType, String proofTitle, String issuingUnit, Method method) {
    }

    // ---- data query → e-proof ----------------------------------------------------------------------------------

    @GetMapping("/console/proofs/new")
    @PreAuthorize("hasRole('AGENT')")
    String queryForm(Model model, Locale locale) {
        ConsoleUser.addTo(model, accounts);
        addWindowForm(model, list, types, Set.of(Method.DATA_QUERY), locale);
        return "console/proof-query";
    }

    /**
     * What a window form needs: the list's item-and-proof choices for {@code methods} with the list's version, and the form
     * as sent back after a refusal (a person by default).
     */
    static void addWindowForm(Model model, PublishedList list, ProofTypes types, Set<Method> methods, Locale locale) {
        model.addAttribute("choices", choices(list, types, methods, locale));
        model.addAttribute("listVersion", list.current().version());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of("subjectType", "PERSON"));
        }
    }

    @PostMapping("/console/proofs")
    @PreAuthorize("hasRole('AGENT')")
    String query(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        HubUser u = accounts.current();
        try {
            String[] choice = choice(form);
            boolean organisation = "ORGANISATION".equals(form.get("subjectType"));
            ProofQuery q = new ProofQuery(choice[0], choice[1], form.get("applicationId"), form.get("purpose"),
                    organisation ? new ProofQuery.Subject(form.get("uscc"), null, null)
                            : new ProofQuery.Subject(null, form.get("name"), form.get("citizenId")),
                    blankToNull(form.get("select")));
            IssuedProof p = proofs.query(u, q);
            redirect.addFlashAttribute("display", archive.display(p));
            redirect.addFlashAttribute("proofType", p.proofType());
            redirect.addFlashAttribute("issued", true);
            return "redirect:/console/proofs/" + p.proofId();
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("problemType", e.type() == null ? null : e.type().getPath().replaceFirst(".*/", ""));
            redirect.addFlashAttribute("form", form);
            return "redirect:/console/proofs/new";
        }
    }

    /** The unit's proofs for an application of an item (the archive's item-and-application index): no subject shown. */
    @GetMapping("/console/proofs")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    String find(@RequestParam(required = false) String item, @RequestParam(required = false) String application, Model model) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        model.addAttribute("items", list.current().list().items());
        model.addAttribute("item", item);
        // not "application": Thymeleaf names the servlet context so
        model.addAttribute("applicationId", application);
        if (item != null && !item.isBlank() && application != null && !application.isBlank()) {
            model.addAttribute("found", archive.ofApplication(u.unitCode(), item, application));
        }
        return "console/proofs";
    }

    @GetMapping("/console/proofs/{proofId}")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    String proof(@PathVariable String proofId, Model model) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        if (!model.containsAttribute("display")) {
            // opened again later: a read of the archive like any other, with its purpose
            ProofArchive.Stored s = readRefusedAsForbidden(u, proofId, "窗口查看证明");
            model.addAttribute("display", archive.display(s));
            model.addAttribute("status", s.status());
            model.addAttribute("revokedAt", s.revokedAt());
            model.addAttribute("revocationReason", s.revocationReason());
            model.addAttribute("proofType", s.proofType());
        } else {
            model.addAttribute("status", "VALID");
        }
        model.addAttribute("proofId", proofId);
        model.addAttribute("mayRevoke", u.has(Role.SUPERVISOR) || u.has(Role.ADMIN));
        model.addAttribute("disputable", disputable(types.find(String.valueOf(model.getAttribute("proofType"))).orElse(null)));
        return "console/proof";
    }

    /** A fact of a proof the applicant may dispute (异议): a field of the one canonical record the proof was made from. */
    record Disputable(String field, String label) {
    }

    /** The facts of {@code type} that are fields of its source's one record: none for proofs of several records or none. */
    static List<Disputable> disputable(ProofType type) {
        if (type == null || !type.isDataQuery() || type.source().isMany()) {
            return List.of();
        }
        return type.facts().stream()
                .filter(f -> f.field() != null && !f.isList() && CanonicalSchemas.fieldType(type.source().kind(), f.field()) != null)
                .map(f -> new Disputable(f.field(), f.label())).toList();
    }

    /**
     * The applicant says a value in the proof is wrong: the objection goes to the department that is the field's source, on its
     * objections queue, as through the API ({@code POST /api/catalog/objections}); the department corrects its own data and
     * the correction flows back by its connector. Opening the proof for it is a read with its purpose, like any other.
     */
    @PostMapping("/console/proofs/{proofId}/objection")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    String objection(@PathVariable String proofId, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        HubUser u = accounts.current();
        ProofArchive.Stored s = readRefusedAsForbidden(u, proofId, "记录异议");
        try {
            ProofType type = types.find(s.proofType()).orElse(null);
            String field = form.get("field");
            if (disputable(type).stream().noneMatch(d -> d.field().equals(field))) {
                throw HubException.badRequest("objection-field", "choose one of the proof's facts that comes from a shared record");
            }
            List<ProofArchive.SourceRecord> records = archive.sources(proofId).stream()
                    .filter(r -> r.kind().equals(type.source().kind())).toList();
            if (records.size() != 1) {
                throw HubException.badRequest("objection-record", "the proof was made from " + records.size() + " " + type.source().kind()
                        + " records: record the objection through the API, naming the record");
            }
            Objections.Recorded recorded = objections.raise(new Objections.Objection(type.source().kind(), records.get(0).key(), field,
                    blankToNull(form.get("claimedValue")), form.get("reason")), u);
            redirect.addFlashAttribute("objection", recorded);
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/proofs/" + proofId;
    }

    /** The unit's supervisor withdraws a proof with the reason; verification reports it revoked from then on. */
    @PostMapping("/console/proofs/{proofId}/revoke")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    String revoke(@PathVariable String proofId, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            archive.revoke(proofId, reason, accounts.current());
            redirect.addFlashAttribute("revoked", true);
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/proofs/" + proofId;
    }

    @GetMapping(value = "/console/proofs/{proofId}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    ResponseEntity<byte[]> pdf(@PathVariable String proofId) {
        readRefusedAsForbidden(accounts.current(), proofId, "打印证明");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "inline; filename=\"" + proofId + ".pdf\"").header("Cache-Control", "no-store")
                .body(archive.pdf(proofId));
    }

    private ProofArchive.Stored readRefusedAsForbidden(HubUser u, String proofId, String purpose) {
        try {
            return archive.readFor(u, proofId, purpose);
        } catch (HubException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                events.publishEvent(new AccessRefused(u.username(), "GET /console/proofs/" + Masking.maskIdentifiers(proofId),
                        e.type() == null ? e.title() : e.type().toString()));
                throw new AccessDeniedException("proof " + Masking.maskIdentifiers(proofId) + " is not open to " + u.username());
            }
            throw e;
        }
    }

    // ---- verification request --------------------------------------------------------------------------------

    @GetMapping("/console/verification/new")
    @PreAuthorize("hasRole('AGENT')")
    String requestForm(Model model, Locale locale) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        model.addAttribute("choices", choices(list, types, Set.of(Method.DEPARTMENT_VERIFICATION), locale));
        model.addAttribute("listVersion", list.current().version());
        model.addAttribute("sent", verifications.outbox(u, SENT_SHOWN));
        model.addAttribute("unitNames", VerificationConsoleController.unitNames(accounts, locale));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of("subjectType", "PERSON"));
        }
        return "console/verification-new";
    }

    @PostMapping("/console/verification")
    @PreAuthorize("hasRole('AGENT')")
    String submit(@RequestParam Map<String, String> form, @RequestParam(name = "idScanFile", required = false) MultipartFile scan,
                  RedirectAttributes redirect) {
        HubUser u = accounts.current();
        try {
            String[] choice = choice(form);
            boolean organisation = "ORGANISATION".equals(form.get("subjectType"));
            VerificationSubmission.Subject subject = organisation
                    ? new VerificationSubmission.Subject(SubjectType.ORGANISATION, form.get("uscc"), blankToNull(form.get("orgName")))
                    : new VerificationSubmission.Subject(SubjectType.PERSON, form.get("citizenId"), form.get("name"));
            VerificationSubmission.IdScan idScan = scan == null || scan.isEmpty() ? null
                    : new VerificationSubmission.IdScan(scan.getContentType(), scan.getBytes());
            Submitted s = verifications.submit(new VerificationSubmission(choice[0], form.get("applicationId"), null, null, choice[1], false,
                    choice[2], subject, form.get("queryLetter"), idScan, declared(form.get("declared"))), u);
            redirect.addFlashAttribute("submitted", s.requestId());
            return "redirect:/console/requests/" + s.requestId();
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("form", form);
            return "redirect:/console/verification/new";
        } catch (IOException e) {
            redirect.addFlashAttribute("problem", "the ID scan could not be read: " + e.getMessage());
            redirect.addFlashAttribute("form", form);
            return "redirect:/console/verification/new";
        }
    }

    /** "field = value" lines, as the applicant filled them in. */
    static Map<String, String> declared(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return null;
        }
        for (String line : text.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.substring(0, eq).isBlank()) {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            } else if (!line.isBlank()) {
                throw HubException.badRequest("declared-invalid", "declared facts are lines of field = value; \"" + line.strip() + "\" is not");
            }
        }
        return out.isEmpty() ? null : out;
    }

    // ---- both --------------------------------------------------------------------------------------------------

    /** The item and proof chosen, and the list's issuing unit: {@code [item, proof, unit]}. */
    static String[] choice(Map<String, String> form) {
        String value = form.getOrDefault("choice", "");
        String[] parts = value.split("\\|", -1);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank()) {
            throw HubException.badRequest("choice-missing", "choose the service item and the proof");
        }
        return parts;
    }

    /** The published list's entries obtained by one of {@code methods}, in list order, proof titles in the page's language. */
    static List<Choice> choices(PublishedList list, ProofTypes types, Set<Method> methods, Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        List<Choice> out = new ArrayList<>();
        for (ServiceItem item : list.current().list().items()) {
            for (ServiceItem.Entry e : item.proofs()) {
                if (methods.contains(e.method())) {
                    String title = types.find(e.proofType()).map(t -> english && t.titleEn() != null ? t.titleEn() : t.title()).orElse(e.proofType());
                    String unit = e.issuingUnit() == null ? "" : e.issuingUnit();
                    out.add(new Choice(item.code() + "|" + e.proofType() + "|" + unit, item.code(), item.name(), e.proofType(), title, unit,
                            e.method()));
                }
            }
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
