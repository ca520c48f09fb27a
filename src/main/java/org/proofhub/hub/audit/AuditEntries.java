package org.proofhub.hub.audit;

import java.util.List;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The trail's entries an auditor's search finds ({@link AuditSearch}), a page at a time ({@link AuditPaging}) with how many
 * there are in all. The API ({@code /api/audit/entries}) and the console's audit page list the same; "who looked"
 * ({@link AuditReads}) pages the same way.
 */
@Component
public class AuditEntries {
    private static final String COLUMNS = "seq, at, actor, unit_code, action, subject_hash, purpose, detail";
    private final KeysetPages pages;

    AuditEntries(KeysetPages pages) {
        this.pages = pages;
    }

    /** One audit entry as auditors see it; {@code detail} as the trail holds it (JSON text). */
    public record Entry(long seq, java.time.Instant at, String actor, String unit, String action, String subjectHash, String purpose,
                        String detail) {
    }

    /** The page of the entries {@code search} finds that {@code paging} asks for. */
    public AuditPage<Entry> find(AuditSearch search, AuditPaging paging) {
        return page(COLUMNS, search, paging, (rs, i) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)), Entry::seq);
    }

    /**
     * The page of {@code audit_log}'s rows {@code search} finds that {@code paging} asks for, each read by {@code rows} from
     * {@code columns}; {@code seq} gives a row's sequence number, on which the pages are cut.
     */
    <T> AuditPage<T> page(String columns, AuditSearch search, AuditPaging paging, RowMapper<T> rows, ToLongFunction<T> seq) {
        List<Object> args = AuditSearch.args();
        String where = search.where(args);
        return pages.page("audit_log", "seq", columns, where, args, paging, rows, seq);
    }
}
