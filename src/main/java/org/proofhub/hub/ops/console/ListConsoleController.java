package org.proofhub.hub.ops.console;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.catalog.ListMaintenance;
import org.proofhub.hub.catalog.ListVersion;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.catalog.ServiceItem;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.HubException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The certificate-free list in the console: the version in force (or any other) with its history of versions for everyone;
 * for administrators its upkeep as the API does it ({@code /api/list}) — a draft copied from the published list, items
 * written as YAML like the list file's and checked against the list's rules when saved, removed, the draft published with
 * its cause and cause date (late past the due working days) or discarded. Every step is audited by the list service.
 */
@Controller
class ListConsoleController {
    /** An item as the list file writes it: no null keys, no document marker, quotes only where needed. */
    private static final ObjectMapper ITEM_YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .findAndRegisterModules();

    private final Accounts accounts;
    private final PublishedList list;
    private final ListMaintenance maintenance;
    private final java.time.Clock clock;

    ListConsoleController(Accounts accounts, PublishedList list, ListMaintenance maintenance, java.time.Clock clock) {
        this.accounts = accounts;
        this.list = list;
        this.maintenance = maintenance;
        this.clock = clock;
    }

    @GetMapping("/console/list")
    String list(@RequestParam(required = false) String version, Model model) {
        HubUser u = ConsoleUser.addTo(model, accounts);
        ListVersion shown = version == null || version.isBlank() ? list.current()
                : maintenance.find(version).orElseThrow(() -> HubException.notFound("list-version", "there is no list version " + version));
        List<ListVersion> versions = maintenance.versions();
        model.addAttribute("version", shown);
        model.addAttribute("inForce", shown.status() == ListVersion.Status.PUBLISHED);
        model.addAttribute("domains", org.proofhub.hub.catalog.Domain.labels());
        List<ListVersion> newestFirst = new java.util.ArrayList<>(versions);
        java.util.Collections.reverse(newestFirst);
        model.addAttribute("versions", newestFirst);
        model.addAttribute("maintains", u.has(Role.ADMIN));
        model.addAttribute("draft", versions.stream().filter(v -> v.status() == ListVersion.Status.DRAFT).map(ListVersion::version)
                .findFirst().orElse(null));
        return "console/list";
    }

    @PostMapping("/console/list/drafts")
    @PreAuthorize("hasRole('ADMIN')")
    String draft(@RequestParam String version, RedirectAttributes redirect) {
        try {
            ListVersion d = maintenance.draft(version.strip(), accounts.current());
            redirect.addFlashAttribute("done", "drafted");
            return "redirect:/console/list/drafts/" + d.version();
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/console/list";
        }
    }

    @GetMapping("/console/list/drafts/{version}")
    @PreAuthorize("hasRole('ADMIN')")
    String editDraft(@PathVariable String version, Model model) {
        ConsoleUser.addTo(model, accounts);
        ListVersion d = maintenance.find(version).filter(v -> v.status() == ListVersion.Status.DRAFT)
                .orElseThrow(() -> HubException.notFound("list-draft", "there is no open draft " + version));
        model.addAttribute("draft", d);
        model.addAttribute("yaml", d.list().items().stream().collect(java.util.stream.Collectors.toMap(ServiceItem::code, ListConsoleController::yaml,
                (a, b) -> a, java.util.LinkedHashMap::new)));
        LocalDate today = BeijingTime.today(clock);
        model.addAttribute("today", today);
        model.addAttribute("dueIfToday", maintenance.dueBy(today));
        return "console/list-draft";
    }

    @PostMapping("/console/list/drafts/{version}/items")
    @PreAuthorize("hasRole('ADMIN')")
    String saveItem(@PathVariable String version, @RequestParam String yaml, RedirectAttributes redirect) {
        try {
            ServiceItem item = item(yaml);
            maintenance.saveItem(version, item, accounts.current());
            redirect.addFlashAttribute("done", "saved");
            redirect.addFlashAttribute("doneItem", item.code());
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("typed", yaml);
        }
        return "redirect:/console/list/drafts/" + version;
    }

    @PostMapping("/console/list/drafts/{version}/items/{code}/remove")
    @PreAuthorize("hasRole('ADMIN')")
    String removeItem(@PathVariable String version, @PathVariable String code, RedirectAttributes redirect) {
        try {
            maintenance.removeItem(version, code, accounts.current());
            redirect.addFlashAttribute("done", "removed");
            redirect.addFlashAttribute("doneItem", code);
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/console/list/drafts/" + version;
    }

    @PostMapping("/console/list/drafts/{version}/publish")
    @PreAuthorize("hasRole('ADMIN')")
    String publish(@PathVariable String version, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        try {
            String date = form.get("causeDate");
            ListVersion published = maintenance.publish(version, form.get("cause"), date == null || date.isBlank() ? null : LocalDate.parse(date),
                    accounts.current());
            redirect.addFlashAttribute("published", published.version());
            redirect.addFlashAttribute("late", Boolean.TRUE.equals(published.late()));
            return "redirect:/console/list";
        } catch (HubException | java.time.DateTimeException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/console/list/drafts/" + version;
        }
    }

    @PostMapping("/console/list/drafts/{version}/discard")
    @PreAuthorize("hasRole('ADMIN')")
    String discard(@PathVariable String version, RedirectAttributes redirect) {
        try {
            maintenance.discard(version, accounts.current());
            redirect.addFlashAttribute("discarded", version);
            return "redirect:/console/list";
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/console/list/drafts/" + version;
        }
    }

    static String yaml(ServiceItem item) {
        try {
            return ITEM_YAML.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An item typed as YAML, as the list file writes one; a problem says where the text is wrong. */
    static ServiceItem item(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            throw HubException.badRequest("list-item-invalid", "write the item as YAML: code, name, kind, domain, responsibleUnit, proofs");
        }
        try {
            ServiceItem item = ITEM_YAML.readValue(yaml, ServiceItem.class);
            if (item == null) {
                throw HubException.badRequest("list-item-invalid", "write the item as YAML: code, name, kind, domain, responsibleUnit, proofs");
            }
            return item.proofs() == null ? new ServiceItem(item.code(), item.name(), item.kind(), item.promisedLimit(), item.domain(),
                    item.responsibleUnit(), List.of()) : item;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw HubException.badRequest("list-item-invalid", "the item is not valid YAML for a list item" + where + ": " + e.getOriginalMessage());
        }
    }
}
