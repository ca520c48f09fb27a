package org.proofhub.hub.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One record type per department table, each knowing its table's column order, so that the
 * world's bulk load and the simulator's single inserts write the same shape.
 */
final class Rows {
    static final String PERSON_TABLE = "RK_JBXX";
    static final String ENTERPRISE_TABLE = "enterprise";
    static final String CREDIT_RECORD_TABLE = "xy_sxjl";
    static final String RATING_TABLE = "xy_pjjg";
    static final String LICENCE_TABLE = "license_document";
    static final String DEFECT_TABLE = "_demo_defect";
    static final String CONFLICT_TABLE = "_demo_conflict";

    static final List<String> PERSON_COLUMNS = List.of("RKBH", "GMSFHM", "XM", "XBDM", "MZDM", "CSRQ", "HH", "YHZGXDM",
            "HJDZ_XZQHDM", "HJDZ", "DJJG", "RYZTDM", "GXSJ");
    static final List<String> ENTERPRISE_COLUMNS = List.of("id", "uscc", "enterprise_name", "enterprise_type",
            "legal_rep_name", "registered_capital", "established_on", "reg_status", "registered_address",
            "reg_authority", "business_scope", "updated_at");
    // gxsj is the trigger's to set
    static final List<String> CREDIT_RECORD_COLUMNS = List.of("jlid", "ztlx", "ztbm", "ztmc", "sxlb", "yzcd", "rdjg",
            "rdrq", "sxnr", "xfzt", "xfrq", "scbz");
    static final List<String> RATING_COLUMNS = List.of("ztbm", "ztlx", "ztmc", "xydj", "pjrq", "scbz");
    // change_seq is the trigger's to set
    static final List<String> LICENCE_COLUMNS = List.of("doc_id", "license_code", "license_type", "license_name",
            "holder_type", "holder_id", "holder_name", "issuer_code", "issuer_name", "issue_date", "valid_from",
            "valid_to", "status", "surface", "updated_at");
    static final List<String> DEFECT_COLUMNS = List.of("source_table", "source_key", "defect", "detail");
    static final List<String> CONFLICT_COLUMNS = List.of("source_table", "source_key", "field", "authoritative_source");

    private Rows() {
    }

    /** A row of RK_JBXX; {@code name} is stored as is, stray spaces included. */
    record Person(String rkbh, String citizenId, String name, String sex, String ethnicGroup, LocalDate birthDate,
                  Household household, String relation, String status, LocalDateTime updated) {
        String surname() {
            return name.strip().substring(0, 1);
        }

        /** Reads a person from a {@code SELECT *} of RK_JBXX. */
        static Person read(ResultSet rs) throws SQLException {
            return new Person(rs.getString("RKBH"), rs.getString("GMSFHM"), rs.getString("XM"), rs.getString("XBDM"),
                    rs.getString("MZDM"), LocalDate.parse(rs.getString("CSRQ"), Ids.YYYYMMDD),
                    new Household(rs.getString("HH"), rs.getString("HJDZ_XZQHDM"), rs.getString("HJDZ"),
                            rs.getString("DJJG")),
                    rs.getString("YHZGXDM"), rs.getString("RYZTDM"), rs.getObject("GXSJ", LocalDateTime.class));
        }

        Object[] values() {
            return new Object[] {rkbh, citizenId, name, sex, ethnicGroup, Ids.YYYYMMDD.format(birthDate),
                household.number(), relation, household.areaCode(), household.address(), household.registry(), status,
                updated};
        }
    }

    /** What the members of one household share. */
    record Household(String number, String areaCode, String address, String registry) {
    }

    record Enterprise(long id, String uscc, String name, String type, String legalRep, BigDecimal capital,
                      LocalDate established, String status, String address, String authority, String scope,
                      OffsetDateTime updatedAt) {
        /** Reads an enterprise from a {@code SELECT *} of enterprise. */
        static Enterprise read(ResultSet rs) throws SQLException {
            return new Enterprise(rs.getLong("id"), rs.getString("uscc"), rs.getString("enterprise_name"),
                    rs.getString("enterprise_type"), rs.getString("legal_rep_name"), rs.getBigDecimal("registered_capital"),
                    rs.getObject("established_on", LocalDate.class), rs.getString("reg_status"),
                    rs.getString("registered_address"), rs.getString("reg_authority"), rs.getString("business_scope"),
                    rs.getObject("updated_at", OffsetDateTime.class));
        }

        Object[] values() {
            return new Object[] {id, uscc, name, type, legalRep, capital, established, status, address, authority, scope,
                updatedAt};
        }
    }

    record CreditRecord(long id, String subjectType, String subjectId, String subjectName, String category,
                        String severity, String authority, LocalDate decided, String content, String repairStatus,
                        LocalDate repaired) {
        Object[] values() {
            return new Object[] {id, subjectType, subjectId, subjectName, category, severity, authority, decided, content,
                repairStatus, repaired, "0"};
        }
    }

    record Rating(String subjectId, String subjectType, String subjectName, String grade, LocalDate ratedOn) {
        Object[] values() {
            return new Object[] {subjectId, subjectType, subjectName, grade, ratedOn, "0"};
        }
    }

    record Licence(UUID docId, String code, String type, String holderType, String holderId, String holderName,
                   Codes.Authority issuer, LocalDate issued, LocalDate validFrom, LocalDate validTo, String status,
                   ObjectNode surface, OffsetDateTime updatedAt) {
        Licence withUpdatedAt(OffsetDateTime at) {
            return new Licence(docId, code, type, holderType, holderId, holderName, issuer, issued, validFrom, validTo,
                    status, surface, at);
        }

        Object[] values() {
            return new Object[] {docId, code, type, Codes.LICENCE_TYPE.get(type), holderType, holderId, holderName,
                issuer.uscc(), issuer.name(), issued, validFrom, validTo, status, surface, updatedAt};
        }
    }

    /** A party that can hold a licence or a credit record: a person or an organisation. */
    record Subject(String type, String id, String name) {
        static Subject of(Person p) {
            return new Subject("1", p.citizenId(), p.name().strip());
        }

        static Subject of(Enterprise e) {
            return new Subject("2", e.uscc(), e.name().strip());
        }

        String holderType() {
            return "1".equals(type) ? "P" : "O";
        }
    }
}
