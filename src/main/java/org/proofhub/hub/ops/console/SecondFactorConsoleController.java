package org.proofhub.hub.ops.console;

import java.util.Map;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import jakarta.servlet.http.HttpServletRequest;
import org.proofhub.hub.account.SecondFactors;
import org.proofhub.hub.platform.HubException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second login step of accounts that need one ({@link SecondFactorStep}): the code of the authenticator app, or — the first
 * time — the key to add to the app, as a QR code and as text, confirmed by the app's first code.
 */
@Controller
class SecondFactorConsoleController {
    private final SecondFactors secondFactors;
    private final org.proofhub.hub.account.Accounts accounts;

    SecondFactorConsoleController(SecondFactors secondFactors, org.proofhub.hub.account.Accounts accounts) {
        this.secondFactors = secondFactors;
        this.accounts = accounts;
    }

    @GetMapping(SecondFactorStep.PAGE)
    String page(Model model) {
        org.springframework.security.core.Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (!secondFactors.required(a.getAuthorities())) {
            return "redirect:/console";
        }
        String me = a.getName();
        SecondFactors.State state = secondFactors.state(me);
        model.addAttribute("me", me);
        model.addAttribute("enrolling", state != SecondFactors.State.ACTIVE);
        if (state != SecondFactors.State.ACTIVE) {
            SecondFactors.Enrolment enrolment = secondFactors.begin(accounts.current());
            model.addAttribute("key", enrolment.key());
            model.addAttribute("qr", svg(enrolment.otpauthUri()));
        }
        return "console/second-factor";
    }

    @PostMapping(SecondFactorStep.PAGE)
    String code(@RequestParam(required = false) String code, HttpServletRequest request, RedirectAttributes redirect) {
        org.springframework.security.core.Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (!secondFactors.required(a.getAuthorities())) {
            return "redirect:/console";
        }
        String me = a.getName();
        try {
            if (secondFactors.state(me) == SecondFactors.State.ACTIVE) {
                secondFactors.check(me, code, true);
            } else {
                secondFactors.confirm(me, code);
            }
        } catch (HubException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:" + SecondFactorStep.PAGE;
        }
        // a new session id for the session that now counts as fully logged in
        request.changeSessionId();
        request.getSession().setAttribute(SecondFactors.SESSION_PASSED, me);
        return "redirect:/console";
    }

    /** The key's otpauth URI as an inline SVG QR code (no script, no image request: the page's CSP stays as it is). */
    static String svg(String text) {
        ByteMatrix m;
        try {
            m = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of()).getMatrix();
        } catch (WriterException e) {
            throw new IllegalStateException("the key's URI does not fit a QR code", e);
        }
        int quiet = 4;
        int size = m.getWidth() + 2 * quiet;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y) == 1) {
                    path.append('M').append(x + quiet).append(' ').append(y + quiet).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"second-factor-qr\" viewBox=\"0 0 " + size + " " + size
                + "\" width=\"220\" height=\"220\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
