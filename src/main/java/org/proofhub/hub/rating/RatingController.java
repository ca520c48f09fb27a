package org.proofhub.hub.rating;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.platform.HubException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 好差评: rate a handled query, verification request or commitment; reports per unit and per item. */
@RestController
@RequestMapping("/api/ratings")
@Tag(name = "Service ratings", description = "好差评 (000 10): one rating per handled request, aggregated per unit and item")
class RatingController {
    private final ServiceRatings ratings;
    private final Accounts accounts;

    RatingController(ServiceRatings ratings, Accounts accounts) {
        this.ratings = ratings;
        this.accounts = accounts;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "Record the applicant's rating (score 1–5, comment required for 1–2) of a handled request",
            description = "targetType QUERY (targetId: the proof id or query record id), COMMITMENT (the commitment id), VERIFICATION "
                    + "(the request id, once department verification provides its RatedServices).")
    ResponseEntity<ServiceRatings.Recorded> rate(@RequestBody ServiceRatings.Rating rating) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ratings.rate(rating, accounts.current()));
    }

    @GetMapping("/report")
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','ADMIN','OPERATOR')")
    @Operation(summary = "Ratings per unit (by=unit) or service item (by=item): count, average, distribution 1–5, 好评 and 差评, "
            + "and the same per kind of service (byKind: QUERY, VERIFICATION, COMMITMENT)")
    List<ServiceRatings.ReportRow> report(@RequestParam(defaultValue = "unit") String by) {
        if (!"unit".equals(by) && !"item".equals(by)) {
            throw HubException.badRequest("report-by", "by is 'unit' or 'item', not '" + by + "'");
        }
        return ratings.report("unit".equals(by));
    }
}
