package org.proofhub.hub.ops.console;

import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.dataset.DatasetCatalog;
import org.proofhub.hub.dataset.Objections;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The data catalog (SPEC 2.5, {@code 004} art. 14, 16) for the people who run the sources: each shared data set with its
 * source, sharing and open attributes and update cycle, and its quality — records, completeness per field, freshness
 * against the update cycle, rejected changes — and the objections (异议) sent to the source departments, as the API gives
 * them ({@code /api/catalog/datasets}, {@code /api/catalog/objections}): no record key or value in clear.
 */
@Controller
class CatalogConsoleController {
    /** Most objections the page lists, newest first. */
    static final int OBJECTIONS_SHOWN = 200;

    private final Accounts accounts;
    private final DatasetCatalog catalog;
    private final Objections objections;

    CatalogConsoleController(Accounts accounts, DatasetCatalog catalog, Objections objections) {
        this.accounts = accounts;
        this.catalog = catalog;
        this.objections = objections;
    }

    @GetMapping("/console/catalog")
    @PreAuthorize("hasAnyRole('OPERATOR','INTEGRATOR','ADMIN')")
    String catalog(Model model) {
        ConsoleUser.addTo(model, accounts);
        model.addAttribute("datasets", catalog.datasets());
        model.addAttribute("objections", objections.list(OBJECTIONS_SHOWN));
        return "console/catalog";
    }
}
