package org.proofhub.hub.catalog.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.proofhub.hub.catalog.ListVersion;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The list's public history: every version that was published, with cause, cause date and publication
 * date (清单实行动态调整，及时对外公布, 001 art. 5). Drafts are not public.
 */
@RestController
@RequestMapping("/api/public/list")
@Tag(name = "Public")
class PublicListController {
    private final ListVersions versions;

    PublicListController(ListVersions versions) {
        this.versions = versions;
    }

    /** One domain of the list's closed vocabulary. */
    record DomainView(String code, String label, boolean excluded) {
    }

    @GetMapping("/domains")
    @Operation(summary = "The domains (领域) a service item may name, with their Chinese names; excluded ones never allow a commitment (SPEC §5.5)")
    List<DomainView> domains() {
        return java.util.Arrays.stream(org.proofhub.hub.catalog.Domain.values()).map(d -> new DomainView(d.name(), d.label(), d.excluded())).toList();
    }

    @GetMapping("/versions")
    @Operation(summary = "The published versions of the certificate-free list, newest last, with cause and dates")
    List<ListVersion> published() {
        return versions.versions().stream()
                .filter(v -> v.status() == ListVersion.Status.PUBLISHED || v.status() == ListVersion.Status.SUPERSEDED)
                // who published is an internal account: the public sees the authority's decision, not the clerk
                .map(v -> new ListVersion(v.version(), v.status(), v.basedOn(), null, null, v.cause(), v.causeDate(), v.publishedAt(), null,
                        v.publishedOn(), v.workingDaysToPublish(), v.late(), v.changes(), null))
                .toList();
    }
}
