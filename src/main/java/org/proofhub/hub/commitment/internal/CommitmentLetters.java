package org.proofhub.hub.commitment.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.proofhub.hub.catalog.ListEntry;
import org.proofhub.hub.catalog.Method;
import org.proofhub.hub.catalog.ServiceItem;
import org.proofhub.hub.commitment.Applicant;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.proof.ProofDisplay;
import org.proofhub.hub.proof.pdf.Letter;

/**
 * The notification letter (告知书) and the commitment letter (承诺书) of 000 appendix B, made from a list
 * entry's elements (legal provisions, conditions, supervision and liability, other notices), the item, the
 * responsible unit and, for the commitment letter, the applicant. One model gives both the printed letter
 * and its structured data, so the two never say different things.
 */
final class CommitmentLetters {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BLANK_DATE = "    年    月    日";
    private static final String LAW = "按《中华人民共和国行政许可法》及相关法律法规规定，";

    /** A letter as printed and as data. */
    record Made(Letter letter, ObjectNode data) {
    }

    /**
     * Everything a letter says besides the applicant.
     *
     * @param commitmentId null for the public template
     * @param proofTitle   the proof type's title, e.g. 住所（经营场所）使用证明
     * @param unitName     unit code to its Chinese name
     * @param seal         printed over the signature; null for templates
     */
    record Context(String commitmentId, String applicationId, ListEntry entry, String proofTitle, Function<String, String> unitName,
                   String creditUnit, ProofDisplay.SealMark seal, Instant at) {

        boolean template() {
            return commitmentId == null;
        }

        String number(String suffix) {
            return template() ? "（编号）" : commitmentId + "-" + suffix;
        }

        String unit() {
            return unitName.apply(entry.item().responsibleUnit());
        }

        String title() {
            return proofTitle + (entry.method() == Method.DECLARATION_COMMITMENT ? "申报承诺书" : "告知承诺书");
        }
    }

    /** How the applicant signed, for the sealed receipt. */
    record Signing(Instant signedAt, String signedBy, String method, String evidenceSha256, String proxyName, String proxyId,
                   String authorisationId, String documentRef) {
    }

    private CommitmentLetters() {
    }

    static Made notification(Context c) {
        ServiceItem item = c.entry().item();
        ServiceItem.Commitment e = c.entry().entry().commitment();
        String unit = c.unit();
        List<Letter.Section> sections = List.of(
                new Letter.Section(null, List.of(LAW + unit + "就“" + item.name() + "”（事项编码" + item.code() + "）政务服务事项无证明办理告知如下：")),
                new Letter.Section("一、法律、法规、规章及行业规范的有关规定", List.of(e.legalProvisions(), "设定依据：" + c.entry().entry().legalBasis())),
                new Letter.Section("二、办理条件", List.of(e.conditions())),
                new Letter.Section("三、监督检查与法律责任", List.of(
                        "1. " + unit + "将对承诺内容进行核查。" + e.supervision(),
                        "2. 申请人实际履行承诺与承诺内容不符的，政务部门应督促申请人限期整改。申请人拒不整改或整改后仍不符合要求的，政务部门依法撤销决定，所造成损失由申请人自行承担。",
                        "3. 经核查承诺不实的，政务部门依法终止办理、撤销决定或者予以行政处罚，并推送" + c.unitName().apply(c.creditUnit())
                                + "记入申请人信用记录；涉嫌犯罪的，依法移送司法机关。")),
                new Letter.Section("四、政务部门认为应当告知的其他内容", List.of(
                        e.otherNotices(),
                        "承诺的效力与时限：申请人签署承诺书后，" + unit + "不再索要" + c.proofTitle() + "，依据承诺办理" + timeLimit(item) + "。",
                        "申请人可以不作承诺，改由部门核验或提交" + c.proofTitle() + "办理；在事项办结前，申请人有合理理由的，可以撤回承诺，撤回后按原程序办理。",
                        "有尚未修复的严重失信记录或曾作出虚假承诺且尚未完成信用修复的申请人，不适用告知承诺制。代为承诺的，代为承诺人应当取得申请人的特别授权。")));
        List<String> signature = List.of("政务部门：" + unit, c.template() ? BLANK_DATE : BeijingTime.WRITTEN_DATE.format(c.at()));
        Letter letter = new Letter(c.number("GZ"), c.title(), "告知书", sections, signature, c.seal(), c.at(), footer(c, "GZ"));
        return new Made(letter, data("NOTIFICATION", c, letter));
    }

    /**
     * The commitment letter: unsigned to hand over (or as template when {@code applicant} is null), or signed
     * when {@code signing} is given — then it is the sealed receipt of what the applicant signed.
     */
    static Made commitment(Context c, Applicant applicant, Map<String, String> declared, Signing signing) {
        ServiceItem item = c.entry().item();
        boolean organisation = applicant != null && applicant.isOrganisation();
        String self = organisation ? "本单位" : "本人";
        List<Letter.Section> sections = new ArrayList<>();
        sections.add(new Letter.Section(null, List.of(LAW + self + "已知悉" + c.unit() + "就“" + item.name()
                + "”政务服务事项无证明办理告知的全部内容，现作出以下承诺：")));
        sections.add(new Letter.Section(null, List.of(
                "1. " + self + "认为自身能满足政务部门告知的条件、标准和要求；",
                "2. " + self + "若取得办理结果，将严格遵守承诺内容，并接受核查；",
                "3. " + self + "若有违反承诺的行为，愿意承担相应的法律责任；",
                "4. 以上承诺系" + self + "真实、合法意思表示，并承诺填报信息真实准确。")));
        if (c.entry().method() == Method.DECLARATION_COMMITMENT) {
            List<String> lines = new ArrayList<>();
            if (declared == null || declared.isEmpty()) {
                lines.add(c.template() ? "（申报事项信息：按办理条件逐项填写）" : "（未填写申报事项信息）");
            } else {
                declared.forEach((k, v) -> lines.add(k + "：" + v));
            }
            sections.add(new Letter.Section("申报事项信息", lines));
        }
        sections.add(new Letter.Section("申请人信息", applicantLines(applicant)));
        if (signing != null && signing.proxyName() != null) {
            sections.add(new Letter.Section("代为承诺", List.of("代为承诺人：" + signing.proxyName() + "（公民身份号码" + signing.proxyId() + "）",
                    "特别授权：" + signing.documentRef() + "（授权登记编号" + signing.authorisationId() + "）")));
        }
        String signer = signing != null && signing.proxyName() != null ? "代为承诺人（签字）：" + signing.proxyName()
                : "申请人（签字盖章）：" + (applicant == null ? "" : applicant.name());
        String when = signing == null ? BLANK_DATE : BeijingTime.WRITTEN_TO_MINUTE.format(signing.signedAt());
        List<String> footer = new ArrayList<>(footer(c, "CN"));
        if (signing != null) {
            footer.add("签署记录：" + when + " · 签署方式：" + signatureMethod(signing.method()) + (signing.evidenceSha256() == null ? ""
                    : " · 签名数据 SHA-256 " + signing.evidenceSha256()) + " · 本回执由无证明办事服务系统加盖电子印章");
        }
        List<String> signatureLines = new ArrayList<>(List.of(signer, "签署时间：" + when));
        if (signing != null && c.seal() != null) {
            // the hub's seal is pressed over its own receipt, not over the applicant's signature
            signatureLines.add("收件：" + c.seal().unitName() + "（无证明办事服务系统）");
            signatureLines.add("收件时间：" + when);
        }
        Letter letter = new Letter(c.number("CN"), c.title(), "承诺书", sections, signatureLines,
                signing == null ? null : c.seal(), signing == null ? c.at() : signing.signedAt(), footer);
        ObjectNode data = data("COMMITMENT", c, letter);
        if (applicant != null) {
            ObjectNode a = data.putObject("applicant");
            a.put("type", applicant.subjectType()).put("name", applicant.name()).put("id", applicant.id());
            putIfPresent(a, "legalRepresentative", applicant.legalRepresentative());
            putIfPresent(a, "address", applicant.address());
            putIfPresent(a, "phone", applicant.phone());
        }
        if (declared != null && !declared.isEmpty()) {
            ObjectNode d = data.putObject("declared");
            declared.forEach(d::put);
        }
        if (signing != null) {
            ObjectNode s = data.putObject("signature");
            s.put("signedAt", signing.signedAt().toString()).put("signedBy", signing.signedBy()).put("method", signing.method());
            putIfPresent(s, "evidenceSha256", signing.evidenceSha256());
            if (signing.proxyName() != null) {
                s.putObject("proxy").put("name", signing.proxyName()).put("citizenId", signing.proxyId());
                s.put("authorisationId", signing.authorisationId()).put("documentRef", signing.documentRef());
            }
        }
        return new Made(letter, data);
    }

    /** The Chinese name of a signature method (手写签名板 …), the code itself if unknown. */
    static String signatureMethod(String method) {
        return CommitmentService.SIGNATURE_METHODS.getOrDefault(method, method);
    }

    private static List<String> applicantLines(Applicant a) {
        if (a == null) {
            return List.of("申请人（自然人填写姓名；企业或其他组织填写全称）：", "公民身份号码 / 统一社会信用代码：", "法定代表人 / 负责人（姓名、职务）：",
                    "住所 / 地址 / 生产经营场地：", "联系电话：");
        }
        List<String> lines = new ArrayList<>();
        lines.add("申请人：" + a.name());
        lines.add((a.isOrganisation() ? "统一社会信用代码：" : "公民身份号码：") + a.id());
        if (a.isOrganisation()) {
            lines.add("法定代表人 / 负责人：" + text(a.legalRepresentative()));
        }
        lines.add("住所 / 地址：" + text(a.address()));
        lines.add("联系电话：" + text(a.phone()));
        return lines;
    }

    private static String timeLimit(ServiceItem item) {
        if (item.kind() == ServiceItem.Kind.INSTANT) {
            return "，当场办结（即办件）";
        }
        java.time.Duration limit = item.promisedDuration();
        // every part of it: P1DT12H is 1日12小时, not 1日
        String inChinese = (limit.toDays() > 0 ? limit.toDays() + "日" : "") + (limit.toHoursPart() > 0 ? limit.toHoursPart() + "小时" : "")
                + (limit.toMinutesPart() > 0 ? limit.toMinutesPart() + "分钟" : "");
        if (inChinese.isEmpty()) {
            inChinese = limit.toSeconds() + "秒";
        }
        return "，承诺办结时限为" + inChinese + "（承诺件）";
    }

    private static List<String> footer(Context c, String suffix) {
        LocalDate published = c.entry().publishedOn();
        String source = "无证明事项清单 " + c.entry().listVersion() + "（" + (published == null ? "" : BeijingTime.WRITTEN_DATE.format(published)) + "公布）· 办理方式 "
                + c.entry().method().label();
        if (c.template()) {
            return List.of("样式 · " + source, "本样式依据公布的无证明事项清单生成，办理时由无证明办事服务系统编号并加盖电子印章。");
        }
        return List.of("编号 " + c.number(suffix) + " · 申请编号 " + c.applicationId() + " · " + source);
    }

    private static ObjectNode data(String type, Context c, Letter letter) {
        ServiceItem item = c.entry().item();
        ObjectNode d = JSON.createObjectNode();
        d.put("letterType", type);
        d.put("number", letter.number());
        d.put("title", letter.title());
        d.put("subtitle", letter.subtitle());
        if (!c.template()) {
            d.put("commitmentId", c.commitmentId());
            d.put("applicationId", c.applicationId());
        }
        d.put("listVersion", c.entry().listVersion());
        if (c.entry().publishedOn() != null) {
            d.put("listPublishedOn", c.entry().publishedOn().toString());
        }
        ObjectNode i = d.putObject("serviceItem").put("code", item.code()).put("name", item.name()).put("kind", item.kind().name());
        putIfPresent(i, "promisedLimit", item.promisedLimit());
        d.putObject("proofType").put("id", c.entry().entry().proofType()).put("title", c.proofTitle());
        d.put("method", c.entry().method().name());
        d.putObject("responsibleUnit").put("code", item.responsibleUnit()).put("name", c.unit());
        d.putObject("issuingUnit").put("code", c.entry().entry().issuingUnit()).put("name", c.unitName().apply(c.entry().entry().issuingUnit()));
        ServiceItem.Commitment e = c.entry().entry().commitment();
        d.putObject("elements").put("legalBasis", c.entry().entry().legalBasis()).put("legalProvisions", e.legalProvisions())
                .put("conditions", e.conditions()).put("supervision", e.supervision()).put("otherNotices", e.otherNotices());
        ArrayNode sections = d.putArray("sections");
        for (Letter.Section s : letter.sections()) {
            ObjectNode n = sections.addObject();
            putIfPresent(n, "heading", s.heading());
            ArrayNode p = n.putArray("paragraphs");
            s.paragraphs().forEach(p::add);
        }
        ArrayNode signature = d.putArray("signatureLines");
        letter.signatureLines().forEach(signature::add);
        if (!c.template()) {
            d.put("issuedAt", letter.issuedAt().toString());
        }
        return d;
    }

    private static void putIfPresent(ObjectNode n, String key, String value) {
        if (value != null && !value.isBlank()) {
            n.put(key, value);
        }
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
