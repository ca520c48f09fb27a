package org.proofhub.hub.ops.console;

import java.util.Map;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.rating.ServiceRatings;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The applicant's rating (好差评, {@code 000} §10) recorded at the window on the page of what was handled — a proof of a data
 * query, a commitment, a verification request — as {@code POST /api/ratings} records it (one rating per handled service, a
 * bad one with its reason), channel {@code WINDOW_PAD}; the page comes back with the rating or the reason it was refused.
 */
@Controller
class RatingConsoleController {
    /** The page each rated kind of service is shown on. */
    private static final Map<String, String> PAGES = Map.of("QUERY", "/console/proofs/", "COMMITMENT", "/console/commitments/",
            "VERIFICATION", "/console/requests/");

    private final Accounts accounts;
    private final ServiceRatings ratings;

    RatingConsoleController(Accounts accounts, ServiceRatings ratings) {
        this.accounts = accounts;
        this.ratings = ratings;
    }

    @PostMapping("/console/ratings")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    String rate(@RequestParam String targetType, @RequestParam String targetId, @RequestParam(required = false) Integer score,
                @RequestParam(required = false) String comment, RedirectAttributes redirect) {
        String page = PAGES.get(targetType);
        if (page == null || !targetId.matches("[A-Za-z0-9._:-]{1,128}")) {
            throw HubException.badRequest("rating-target", "ratable here: " + PAGES.keySet());
        }
        try {
            redirect.addFlashAttribute("rated", ratings.rate(new ServiceRatings.Rating(targetType, targetId, score,
                    comment == null || comment.isBlank() ? null : comment.strip(), "WINDOW_PAD"), accounts.current()));
        } catch (HubException e) {
            redirect.addFlashAttribute("ratingProblem", e.getMessage());
        }
        return "redirect:" + page + targetId;
    }
}
