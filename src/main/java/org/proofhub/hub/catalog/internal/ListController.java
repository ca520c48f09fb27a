package org.proofhub.hub.catalog.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.catalog.ListVersion;
import org.proofhub.hub.catalog.ServiceItem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Drafting and publishing versions of the certificate-free list (administrators), and its history. */
@RestController
@RequestMapping("/api/list")
@Tag(name = "Certificate-free list", description = "无证明事项清单: versions, drafts, publication with cause, history")
class ListController {
    private final ListVersions versions;
    private final Accounts accounts;

    ListController(ListVersions versions, Accounts accounts) {
        this.versions = versions;
        this.accounts = accounts;
    }

    /** A new draft's version name, e.g. 2026.2. */
    record DraftRequest(String version) {
    }

    /** Why the list changes (调整事由) and when that cause arose. */
    record PublishRequest(String cause, LocalDate causeDate) {
    }

    @GetMapping("/versions")
    @Operation(summary = "Every version (seed, drafts, published, superseded, discarded) without items: cause, dates, who, late flag")
    List<ListVersion> all() {
        return versions.versions().stream().map(ListVersion::summary).toList();
    }

    @GetMapping("/versions/{version}")
    @Operation(summary = "One version with its items")
    ListVersion one(@PathVariable String version) {
        return versions.require(version);
    }

    @GetMapping("/changes")
    @Operation(summary = "The history of changes: drafts opened, items saved or removed (before and after), publications with cause")
    List<ListVersions.Change> changes(@RequestParam(required = false) String version) {
        return versions.changes(version);
    }

    @PostMapping("/drafts")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Open a draft as a copy of the published list (one draft at a time)")
    ResponseEntity<ListVersion> draft(@RequestBody DraftRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(versions.draft(request.version(), accounts.current()));
    }

    @PutMapping("/drafts/{version}/items/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Add or replace one service item of a draft",
            description = "The whole draft must keep the list's rules (the same as the file's): 422 list-rule-violated names each problem, "
                    + "e.g. a commitment method in an excluded domain (SPEC §5.5).")
    ListVersion saveItem(@PathVariable String version, @PathVariable String code, @RequestBody ServiceItem item) {
        if (item.code() != null && !item.code().equals(code)) {
            throw org.proofhub.hub.platform.HubException.badRequest("list-item-code-mismatch",
                    "the path names item " + code + " but the body item " + item.code());
        }
        ServiceItem withCode = new ServiceItem(code, item.name(), item.kind(), item.promisedLimit(), item.domain(), item.responsibleUnit(),
                item.proofs() == null ? List.of() : item.proofs());
        return versions.saveItem(version, withCode, accounts.current());
    }

    @DeleteMapping("/drafts/{version}/items/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Remove one service item from a draft")
    ListVersion removeItem(@PathVariable String version, @PathVariable String code) {
        return versions.removeItem(version, code, accounts.current());
    }

    @PostMapping("/drafts/{version}/publish")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Publish a draft with its cause and cause date; it governs at once",
            description = "late=true when published more than hub.catalog.change-due-working-days working days after the cause date "
                    + "(001 art. 5), counted on the working-day calendar.")
    ListVersion publish(@PathVariable String version, @RequestBody PublishRequest request) {
        return versions.publish(version, request.cause(), request.causeDate(), accounts.current());
    }

    @DeleteMapping("/drafts/{version}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Discard a draft (it stays in the history as DISCARDED)")
    ResponseEntity<Void> discard(@PathVariable String version) {
        versions.discard(version, accounts.current());
        return ResponseEntity.noContent().build();
    }
}
