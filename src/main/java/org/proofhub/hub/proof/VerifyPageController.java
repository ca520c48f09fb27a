package org.proofhub.hub.proof;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page a phone opens from a proof's QR code: valid or not, and why — without the proof's personal
 * facts, which the holder has on paper anyway.
 */
@RestController
class VerifyPageController {
    private final ProofArchive archive;

    VerifyPageController(ProofArchive archive) {
        this.archive = archive;
    }

    @GetMapping(value = "/verify/{proofId}", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String page(@PathVariable String proofId, @RequestParam(name = "d", required = false) String digest) {
        ProofVerificationReport r;
        try {
            r = archive.verifyById(proofId, digest);
        } catch (org.proofhub.hub.platform.HubException e) {
            return html("无效 · Not found", "#b00020", "本枢纽未签发编号为 " + HtmlUtils.htmlEscape(proofId) + " 的电子证明。", "");
        }
        StringBuilder rows = new StringBuilder();
        r.checks().stream().filter(c -> !c.name().startsWith("seal.") || c.status() == ProofVerificationReport.Status.FAILED)
                .forEach(c -> rows.append("<tr><td>").append(HtmlUtils.htmlEscape(c.name())).append("</td><td>")
                        .append(c.status()).append("</td><td>").append(HtmlUtils.htmlEscape(c.reason())).append("</td></tr>"));
        String head = r.valid() ? "有效 · Valid" : "无效 · Invalid";
        String info = HtmlUtils.htmlEscape(String.valueOf(r.title())) + " · " + HtmlUtils.htmlEscape(proofId) + "<br>出具单位："
                + HtmlUtils.htmlEscape(String.valueOf(r.producingUnit())) + " · 签发时间：" + HtmlUtils.htmlEscape(String.valueOf(r.issuedAt()))
                + " · 有效期至：" + HtmlUtils.htmlEscape(String.valueOf(r.validUntil()));
        return html(head, r.valid() ? "#1b7f3a" : "#b00020", info, "<table>" + rows + "</table>");
    }

    private static String html(String head, String colour, String info, String table) {
        return """
                <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>电子证明核验</title><style>body{font-family:sans-serif;margin:1.5em}h1{color:%s}td{padding:.3em;border-bottom:1px solid #ddd;font-size:.9em}</style>
                </head><body><h1 id="verdict">%s</h1><p>%s</p>%s</body></html>""".formatted(colour, head, info, table);
    }
}
