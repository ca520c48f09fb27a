package org.proofhub.hub.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.proofhub.hub.ingest.check.LicenceIds;
import org.proofhub.hub.ingest.check.Usccs;

/**
 * What a clean row of each department table satisfies, column by column: clean rows pass every
 * rule, and each {@code _demo_defect} row fails the rule of the column it names.
 */
final class DemoRules {

    static final Map<String, String> KEYS = Map.of("RK_JBXX", "RKBH", "enterprise", "id", "xy_sxjl", "jlid",
            "xy_pjjg", "ztbm", "license_document", "doc_id");

    static final Map<DemoDepartment, List<String>> TABLES = Map.of(
            DemoDepartment.POPULATION, List.of("RK_JBXX"),
            DemoDepartment.LEGAL_PERSON, List.of("enterprise"),
            DemoDepartment.CREDIT, List.of("xy_sxjl", "xy_pjjg"),
            DemoDepartment.LICENCE, List.of("license_document"));

    private static final Map<String, Map<String, Predicate<Map<String, String>>>> RULES = Map.of(
            "RK_JBXX", Map.of(
                    "GMSFHM", r -> CitizenIds.isValid(r.get("GMSFHM")),
                    "XM", r -> present(r.get("XM")),
                    "XBDM", r -> Codes.SEX.containsKey(r.get("XBDM"))
                            && (r.get("XBDM").equals("1")) == ((r.get("GMSFHM").charAt(16) - '0') % 2 == 1),
                    "MZDM", r -> Codes.ETHNIC_GROUP.containsKey(r.get("MZDM")),
                    "CSRQ", r -> r.get("CSRQ").equals(r.get("GMSFHM").substring(6, 14)) && isDate(r.get("CSRQ")),
                    "YHZGXDM", r -> Codes.HOUSEHOLD_RELATION.containsKey(r.get("YHZGXDM")),
                    "RYZTDM", r -> Codes.PERSON_STATUS.containsKey(r.get("RYZTDM")),
                    "HJDZ_XZQHDM", r -> r.get("HJDZ_XZQHDM").matches("\\d{6}") && present(r.get("HJDZ"))),
            "enterprise", Map.of(
                    "uscc", r -> Usccs.isValid(r.get("uscc")) && r.get("uscc").charAt(0) == '9',
                    "enterprise_name", r -> present(r.get("enterprise_name")),
                    "enterprise_type", r -> Codes.ENTERPRISE_TYPE.containsKey(r.get("enterprise_type")),
                    "reg_status", r -> Codes.REG_STATUS.containsKey(r.get("reg_status")),
                    "legal_rep_name", r -> present(r.get("legal_rep_name"))),
            "xy_sxjl", Map.of(
                    "ztlx", r -> Codes.SUBJECT_TYPE.containsKey(r.get("ztlx")),
                    "ztbm", r -> subjectIdValid(r.get("ztlx"), r.get("ztbm")),
                    "ztmc", r -> present(r.get("ztmc")),
                    "sxlb", r -> Codes.DISHONESTY_CATEGORY.containsKey(r.get("sxlb")),
                    "yzcd", r -> Codes.SEVERITY.containsKey(r.get("yzcd")),
                    "xfzt", r -> Codes.REPAIR_STATUS.containsKey(r.get("xfzt")),
                    "xfrq", r -> r.get("xfrq") == null || r.get("xfrq").compareTo(r.get("rdrq")) >= 0,
                    "scbz", r -> Codes.DELETED_FLAG.containsKey(r.get("scbz"))),
            "xy_pjjg", Map.of(
                    "ztlx", r -> Codes.SUBJECT_TYPE.containsKey(r.get("ztlx")),
                    "ztbm", r -> subjectIdValid(r.get("ztlx"), r.get("ztbm")),
                    "ztmc", r -> present(r.get("ztmc")),
                    "xydj", r -> Codes.CREDIT_GRADE.containsKey(r.get("xydj")),
                    "scbz", r -> Codes.DELETED_FLAG.containsKey(r.get("scbz"))),
            "license_document", Map.of(
                    "license_code", r -> LicenceIds.isValid(r.get("license_code"))
                            && r.get("license_code").startsWith(r.get("license_type") + "." + r.get("issuer_code")),
                    "license_type", r -> Codes.LICENCE_TYPE.containsKey(r.get("license_type")),
                    "holder_id", r -> subjectIdValid("P".equals(r.get("holder_type")) ? "1" : "2", r.get("holder_id")),
                    "issuer_code", r -> Usccs.isValid(r.get("issuer_code")) && r.get("issuer_code").startsWith("11"),
                    "valid_to", r -> r.get("valid_to") == null || r.get("valid_to").compareTo(r.get("valid_from")) >= 0,
                    "status", r -> Codes.LICENCE_STATUS.containsKey(r.get("status")),
                    "holder_type", r -> Codes.HOLDER_TYPE.containsKey(r.get("holder_type")),
                    "holder_name", r -> present(r.get("holder_name"))));

    private DemoRules() {
    }

    /**
     * What is wrong with a table's demo data: fewer than five or more than about 2% listed defects,
     * a listed defect whose row passes the rule of its column, or an unlisted row that fails a rule.
     */
    static List<String> problems(String table, List<Map<String, String>> rows, List<Map<String, String>> defects) {
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.get(KEYS.get(table)), r));
        List<Map<String, String>> own = defects.stream().filter(d -> table.equals(d.get("source_table"))).toList();
        if (own.size() < 5 || own.size() > Math.max(5, rows.size() / 50)) {
            problems.add(table + " lists " + own.size() + " defects among " + rows.size() + " rows");
        }
        Set<String> dirty = new HashSet<>();
        for (Map<String, String> defect : own) {
            String column = defect.get("detail").substring(0, defect.get("detail").indexOf(':'));
            Map<String, String> row = byKey.get(defect.get("source_key"));
            if (row == null || !failures(table, row).contains(column) || !dirty.add(defect.get("source_key"))) {
                problems.add(table + " defect " + defect + " is not a real, single defect");
            }
        }
        byKey.forEach((key, row) -> {
            if (!dirty.contains(key) && !failures(table, row).isEmpty()) {
                problems.add(table + " row " + key + " is unlisted but fails " + failures(table, row));
            }
        });
        return problems;
    }

    /** The columns of {@code row} whose rule fails. */
    static List<String> failures(String table, Map<String, String> row) {
        return RULES.get(table).entrySet().stream()
                .filter(rule -> !passes(rule.getValue(), row))
                .map(Map.Entry::getKey).sorted().collect(Collectors.toList());
    }

    private static boolean passes(Predicate<Map<String, String>> rule, Map<String, String> row) {
        try {
            return rule.test(row);
        } catch (RuntimeException e) {
            // a rule that stumbles over a spoiled neighbour column (null, too short) counts as failed
            return false;
        }
    }

    private static boolean subjectIdValid(String subjectType, String id) {
        return "1".equals(subjectType) ? CitizenIds.isValid(id) : Usccs.isValid(id);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static boolean isDate(String yyyymmdd) {
        try {
            LocalDate.parse(yyyymmdd, Ids.YYYYMMDD);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
