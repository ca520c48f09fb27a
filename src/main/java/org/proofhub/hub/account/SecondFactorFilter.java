package org.proofhub.hub.account;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.proofhub.hub.platform.HubException;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's second factor: a call authenticated with the password of an account that needs one (see {@link SecondFactors})
 * goes on only with a current code of its authenticator app in {@value #HEADER}. Until the account has confirmed a key it
 * may reach its own enrolment addresses only. Other accounts pass without a look at the database, and so does a console
 * session whose login step took a code already (a path outside the console reached with the console's session cookie).
 */
final class SecondFactorFilter extends OncePerRequestFilter {
    static final String HEADER = "X-Hub-Second-Factor";
    static final String OWN = "/api/account/second-factor";
    static final String CONFIRM = OWN + "/confirm";

    private final SecondFactors secondFactors;
    SecondFactorFilter(SecondFactors secondFactors) {
        this.secondFactors = secondFactors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!secondFactors.owedBy(request)) {
            chain.doFilter(request, response);
            return;
        }
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
            if (secondFactors.state(a.getName()) != SecondFactors.State.ACTIVE) {
                if (path.equals(OWN) || path.equals(CONFIRM)) {
                    chain.doFilter(request, response);
                    return;
                }
                throw SecondFactors.enrolmentRequired(a.getName());
            }
            String code = request.getHeader(HEADER);
            if (code == null || code.isBlank()) {
                throw new HubException(org.springframework.http.HttpStatus.UNAUTHORIZED, "second-factor-required", "Second factor required",
                        "the account " + a.getName() + " logs in with a second factor (等保): send the current six-digit code of its "
                                + "authenticator app in the header " + HEADER + " with the password");
            }
            secondFactors.check(a.getName(), code, false);
        } catch (HubException refused) {
            SecurityContextHolder.clearContext();
            ProblemDetail pd = ProblemDetail.forStatusAndDetail(refused.status(), refused.getMessage());
            pd.setType(refused.type());
            pd.setTitle(refused.title());
            ProblemResponses.write(response, pd);
            return;
        }
        chain.doFilter(request, response);
    }
}
