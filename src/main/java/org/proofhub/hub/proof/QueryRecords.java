package org.proofhub.hub.proof;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.proofhub.hub.audit.AuditPage;
import org.proofhub.hub.audit.AuditPaging;
import org.proofhub.hub.audit.KeysetPages;

/**
 * The query records (谁查询、谁负责: every data query, answered or refused) an auditor's search finds, a page at a time
 * ({@link AuditPaging}) on the record's id — the order the records were written in — with how many there are in all. The
 * subject is only ever its keyed hash.
 */
class QueryRecords {
    private static final String COLUMNS = """
            id, at, account, unit_code, subject_hash, service_item_code, application_id, proof_type, purpose, result, reason, proof_id""";
    private final KeysetPages pages;

    QueryRecords(KeysetPages pages) {
        this.pages = pages;
    }

    /** A query record as auditors see it: the subject only as its keyed hash. */
    record QueryRecord(long id, Instant at, String account, String unit, String subjectHash, String serviceItemCode, String applicationId,
                       String proofType, String purpose, String result, String reason, String proofId) {
    }

    /**
     * What an auditor searches the query records by; blank criteria are left out.
     *
     * @param account     who queried
     * @param unit        the unit of who queried
     * @param result      {@code ISSUED} or why not ({@code SUBJECT_MISMATCH}, {@code NO_DATA}, {@code WRONG_METHOD} …)
     * @param from        at or after, when given
     * @param to          before, when given
     */
    record Search(String subjectHash, String account, String unit, String serviceItemCode, String applicationId, String result,
                  Instant from, Instant to) {

        /** The conditions, starting with {@code where}, and their values appended to {@code args} in order. */
        String where(List<Object> args) {
            StringBuilder sql = new StringBuilder(" where true");
            add(sql, args, " and subject_hash = ?", subjectHash);
            add(sql, args, " and account = ?", text(account));
            add(sql, args, " and unit_code = ?", text(unit));
            add(sql, args, " and service_item_code = ?", text(serviceItemCode));
            add(sql, args, " and application_id = ?", text(applicationId));
            add(sql, args, " and result = ?", text(result));
            add(sql, args, " and at >= ?", from == null ? null : Timestamp.from(from));
            add(sql, args, " and at < ?", to == null ? null : Timestamp.from(to));
            return sql.toString();
        }

        private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
            if (value != null) {
                sql.append(clause);
                args.add(value);
            }
        }

        private static String text(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /** The page of the query records {@code search} finds that {@code paging} asks for. */
    AuditPage<QueryRecord> find(Search search, AuditPaging paging) {
        List<Object> args = new ArrayList<>();
        String where = search.where(args);
        return pages.page("query_record", "id", COLUMNS, where, args, paging, (rs, i) -> new QueryRecord(rs.getLong(1),
                rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)), QueryRecord::id);
    }
}
