package org.proofhub.hub.ops.console;

import java.util.Map;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.rating.ServiceRatings;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The ratings per unit (好差评, lowest average first: where to improve) for those who answer for service quality — supervisors,
 * auditors, operators and administrators, as {@code GET /api/ratings/report} —; agents record ratings but do not see the
 * report. And the applicant's rating (好差评, {@code 000} §10) recorded at the window on the page of what was handled — a proof of a data
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

    /** Who may see the ratings report: the roles {@code GET /api/ratings/report} answers. */
    static boolean mayRead(HubUser u) {
        return u.has(Role.SUPERVISOR) || u.has(Role.AUDITOR) || u.has(Role.OPERATOR) || u.has(Role.ADMIN);
    }

    @GetMapping("/console/ratings")
    @PreAuthorize("hasAnyRole('SUPERVISOR','AUDITOR','OPERATOR','ADMIN')")
    String report(Model model) {
        ConsoleUser.addTo(model, accounts);
        model.addAttribute("rows", ratings.report(true));
        return "console/ratings";
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
