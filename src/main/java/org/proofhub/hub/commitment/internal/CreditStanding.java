package org.proofhub.hub.commitment.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.canonical.CanonicalRecord;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.commitment.Eligibility;
import org.proofhub.hub.commitment.PostCheckPolicy;
import org.proofhub.hub.platform.DataProtection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Eligibility for commitment against the credit source (信用库, through the canonical store) and the
 * false commitments the hub recorded itself: a serious dishonesty record not repaired, a false
 * commitment not repaired, or a credit level that allows no commitment refuses (000 6.2.3.4.3; 003 三(二)).
 * <p>
 * A false commitment the hub found counts until the credit department's own record of it arrives
 * through the credit connector (a FALSE_COMMITMENT record decided that day or later); from then on that
 * record, and its repair (信用修复), govern.
 */
final class CreditStanding {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final Map<String, String> CATEGORY = Map.of(
            "DISHONEST_JUDGMENT_DEBTOR", "失信被执行人",
            "FALSE_COMMITMENT", "虚假承诺",
            "MAJOR_TAX_VIOLATION", "重大税收违法",
            "SERIOUS_VIOLATION", "严重违法失信",
            "ADMINISTRATIVE_PENALTY", "行政处罚");
    private static final String INSTEAD_ZH = "可改由部门核验，或由申请人提交证明材料办理。";
    private static final String INSTEAD_EN = "Use department verification or a paper proof instead.";

    private final CanonicalRecords records;
    private final JdbcTemplate jdbc;
    private final DataProtection protection;
    private final PostCheckPolicy policy;

    CreditStanding(CanonicalRecords records, JdbcTemplate jdbc, DataProtection protection, PostCheckPolicy policy) {
        this.records = records;
        this.jdbc = jdbc;
        this.protection = protection;
        this.policy = policy;
    }

    Eligibility check(String subjectId) {
        List<CanonicalRecord> credit = records.findBy("CreditRecord", "subjectId", subjectId).stream().filter(r -> !r.deleted()).toList();
        List<Eligibility.Reason> reasons = new ArrayList<>();
        for (CanonicalRecord r : credit) {
            Map<String, Object> p = r.payload();
            if (Boolean.TRUE.equals(p.get("repaired"))) {
                continue;
            }
            String category = String.valueOf(p.get("category"));
            String decided = date(p.get("decisionDate"));
            if ("FALSE_COMMITMENT".equals(category)) {
                reasons.add(new Eligibility.Reason("FALSE_COMMITMENT_NOT_REPAIRED",
                        "申请人曾作出虚假承诺（" + authority(p) + decided + "认定），尚未完成信用修复，在信用修复前不适用告知承诺制。" + INSTEAD_ZH,
                        "The applicant made a false commitment (decided " + p.get("decisionDate") + ") that is not repaired yet; until it is, "
                                + "no proof can be replaced by a commitment. " + INSTEAD_EN));
            } else if ("SERIOUS".equals(p.get("severity"))) {
                reasons.add(new Eligibility.Reason("SERIOUS_DISHONESTY_NOT_REPAIRED",
                        "申请人有尚未修复的严重失信记录（" + CATEGORY.getOrDefault(category, category) + "，" + authority(p) + decided
                                + "认定），在信用修复前不适用告知承诺制。" + INSTEAD_ZH,
                        "The applicant has a serious dishonesty record (" + category + ", decided " + p.get("decisionDate")
                                + ") that is not repaired yet; until it is, no proof can be replaced by a commitment. " + INSTEAD_EN));
            }
        }
        for (LocalDate found : ownFalseCommitments(subjectId)) {
            boolean recordedBySource = credit.stream().anyMatch(r -> "FALSE_COMMITMENT".equals(r.payload().get("category"))
                    && r.payload().get("decisionDate") != null && !LocalDate.parse(r.payload().get("decisionDate").toString()).isBefore(found));
            if (!recordedBySource) {
                reasons.add(new Eligibility.Reason("FALSE_COMMITMENT_FOUND",
                        "申请人的告知承诺经核查不实（" + DATE.format(found) + "认定），已推送信用部门记入信用记录，在信用修复前不适用告知承诺制。" + INSTEAD_ZH,
                        "A post-check found a commitment of the applicant false (" + found + "); it is sent to the credit department, and until "
                                + "the record is repaired no proof can be replaced by a commitment. " + INSTEAD_EN));
            }
        }
        String level = level(subjectId);
        if (!policy.allowsCommitment(level)) {
            reasons.add(new Eligibility.Reason("CREDIT_LEVEL_" + level,
                    "申请人公共信用综合评价等级为" + level + "（" + levelLabel(level) + "），不适用告知承诺制。" + INSTEAD_ZH,
                    "The applicant's credit level is " + level + ", which allows no commitment. " + INSTEAD_EN));
        }
        return new Eligibility(reasons.isEmpty(), level, List.copyOf(reasons));
    }

    /** The credit level of the credit source's current rating, or UNRATED. */
    String level(String subjectId) {
        return records.find("CreditRating", subjectId).filter(r -> !r.deleted()).map(r -> String.valueOf(r.payload().get("level")))
                .orElse("UNRATED");
    }

    private List<LocalDate> ownFalseCommitments(String subjectId) {
        return jdbc.queryForList("select found_on from false_commitment where subject_hash = ?", LocalDate.class,
                protection.keyedHash(subjectId));
    }

    private static String authority(Map<String, Object> p) {
        Object a = p.get("decidingAuthority");
        return a == null ? "" : a + "于";
    }

    private static String date(Object iso) {
        return iso == null ? "" : DATE.format(LocalDate.parse(iso.toString()));
    }

    private static String levelLabel(String level) {
        switch (level) {
            case "A":
                return "守信";
            case "B":
                return "基本守信";
            case "C":
                return "失信";
            case "D":
                return "严重失信";
            default:
                return "未评价";
        }
    }
}
