package org.proofhub.hub.dataset;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.platform.HubException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The data catalog with quality, and objections to shared values. */
@RestController
@RequestMapping("/api/catalog")
@Tag(name = "Data catalog", description = "Shared data sets, their quality, and objections (数据目录、数据质量、异议)")
class DatasetController {
    private final DatasetCatalog catalog;
    private final Objections objections;
    private final Accounts accounts;

    DatasetController(DatasetCatalog catalog, Objections objections, Accounts accounts) {
        this.catalog = catalog;
        this.objections = objections;
        this.accounts = accounts;
    }

    @GetMapping("/datasets")
    @Operation(summary = "Every shared data set: name, content, source, sharing and open attributes, update cycle, quality")
    List<DatasetCatalog.Dataset> datasets() {
        return catalog.datasets();
    }

    @GetMapping("/datasets/{id}")
    DatasetCatalog.Dataset dataset(@PathVariable String id) {
        DatasetCatalog.Dataset d = catalog.dataset(id);
        if (d == null) {
            throw HubException.notFound("dataset", "no data set '" + id + "'");
        }
        return d;
    }

    @PostMapping("/objections")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "Record an applicant's objection to a value and send it to the source department's queue")
    Objections.Recorded raise(@RequestBody Objections.Objection objection) {
        return objections.raise(objection, accounts.current());
    }

    @GetMapping("/objections")
    @PreAuthorize("hasAnyRole('INTEGRATOR','OPERATOR','ADMIN')")
    List<Objections.Recorded> objections(@RequestParam(defaultValue = "200") int limit) {
        return objections.list(Math.min(limit, 10_000));
    }
}
