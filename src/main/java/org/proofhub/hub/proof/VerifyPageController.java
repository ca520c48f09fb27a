package org.proofhub.hub.proof;

import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.LocalisedReason;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page a phone opens from a proof's QR code: valid or not, and why, in Chinese — without the proof's personal
 * facts, which the holder has on paper anyway. Whoever the proof is presented to may say which item and application
 * it is presented for ({@code serviceItemCode}, {@code applicationId}, a small form on the page) to check its purpose.
 */
@RestController
class VerifyPageController {
    private final ProofArchive archive;

    VerifyPageController(ProofArchive archive) {
        this.archive = archive;
    }

    @GetMapping(value = "/verify/{proofId}", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String page(@PathVariable String proofId, @RequestParam(name = "d", required = false) String digest,
                @RequestParam(required = false) String serviceItemCode, @RequestParam(required = false) String applicationId) {
        ProofVerificationReport r;
        try {
            r = archive.verifyById(proofId, digest, blankToNull(serviceItemCode), blankToNull(applicationId));
        } catch (org.proofhub.hub.platform.HubException e) {
            return html("无效 · Not found", "#b00020", "本枢纽未签发编号为 " + HtmlUtils.htmlEscape(proofId) + " 的电子证明。", "");
        }
        StringBuilder rows = new StringBuilder();
        r.checks().stream().filter(c -> !c.name().startsWith("seal.") || c.status() == ProofVerificationReport.Status.FAILED)
                .forEach(c -> rows.append("<tr><td>").append(HtmlUtils.htmlEscape(checkLabel(c.name()))).append("</td><td>")
                        .append(statusLabel(c.status())).append("</td><td>").append(HtmlUtils.htmlEscape(c.reasonZh())).append("</td></tr>"));
        String head = r.valid() ? "有效 · Valid" : "无效 · Invalid";
        String info = HtmlUtils.htmlEscape(String.valueOf(r.title())) + " · " + HtmlUtils.htmlEscape(proofId) + "<br>出具单位："
                + HtmlUtils.htmlEscape(String.valueOf(r.producingUnit())) + " · 签发时间：" + HtmlUtils.htmlEscape(beijing(r.issuedAt()))
                + " · 有效期至：" + HtmlUtils.htmlEscape(String.valueOf(r.validUntil()));
        String purpose = r.check("PURPOSE") == null ? "" : purposeForm(digest, serviceItemCode, applicationId);
        return html(head, r.valid() ? "#1b7f3a" : "#b00020", info, "<table>" + rows + "</table>" + purpose);
    }

    /** Asks for the item and application the proof is presented for; submitted, the page checks its purpose. */
    private static String purposeForm(String digest, String item, String application) {
        String code = digest == null ? "" : "<input type=\"hidden\" name=\"d\" value=\"" + HtmlUtils.htmlEscape(digest) + "\">";
        return "<form method=\"get\">" + code + "<p>核对用途：<label>事项编码 <input name=\"serviceItemCode\" value=\"" + HtmlUtils.htmlEscape(item == null ? "" : item)
                + "\"></label> <label>申请编号 <input name=\"applicationId\" value=\"" + HtmlUtils.htmlEscape(application == null ? "" : application)
                + "\"></label> <button type=\"submit\">核对</button></p></form>";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A check's outcome in the page's words, from the bundle ({@code check.status.<STATUS>}), like the checks' names. */
    static String statusLabel(ProofVerificationReport.Status status) {
        return LocalisedReason.label("check.status." + status.name(), java.util.Locale.SIMPLIFIED_CHINESE).orElse(status.name());
    }

    /** An instant of the content (ISO 8601, UTC) as the page's reader reads time: Beijing time; anything else as it is. */
    static String beijing(String instant) {
        if (instant == null) {
            return "—";
        }
        try {
            return BeijingTime.TO_SECOND.format(java.time.Instant.parse(instant)) + "（北京时间）";
        } catch (java.time.format.DateTimeParseException e) {
            return instant;
        }
    }

    /**
     * What the page's reader is told a check is: its name from the bundle ({@code check.<name>}, a seal's check under the
     * seal it belongs to), in Chinese, with the check's code for whoever compares with the API.
     */
    static String checkLabel(String name) {
        int dot = name.lastIndexOf('.');
        java.util.Optional<String> label = LocalisedReason.label("check." + name.substring(dot + 1), java.util.Locale.SIMPLIFIED_CHINESE);
        java.util.Optional<String> seal = dot < 0 ? java.util.Optional.of("")
                : LocalisedReason.label("check." + name.substring(0, dot), java.util.Locale.SIMPLIFIED_CHINESE).map(s -> s + " · ");
        return label.isEmpty() || seal.isEmpty() ? name : seal.get() + label.get() + "（" + name + "）";
    }

    private static String html(String head, String colour, String info, String table) {
        return """
                <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>电子证明核验</title><style>body{font-family:sans-serif;margin:1.5em}h1{color:%s}td{padding:.3em;border-bottom:1px solid #ddd;font-size:.9em}</style>
                </head><body><h1 id="verdict">%s</h1><p>%s</p>%s</body></html>""".formatted(colour, head, info, table);
    }
}
