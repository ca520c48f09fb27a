package org.proofhub.hub.audit;

import java.util.List;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The trail's entries an auditor's search finds ({@link AuditSearch}), a page at a time ({@link AuditPaging}) with how many
 * there are in all. The API ({@code /api/audit/entries}) and the console's audit page list the same; "who looked"
 * ({@link AuditReads}) pages the same way.
 */
@Component
public class AuditEntries {
    private static final String COLUMNS = "seq, at, actor, unit_code, action, subject_hash, purpose, detail";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    AuditEntries(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // the page and its counts from one snapshot of the trail, which the chain writer appends to meanwhile
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
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
        List<Object> where = AuditSearch.args();
        String conditions = search.where(where);
        List<Object> pageArgs = AuditSearch.args();
        pageArgs.addAll(where);
        StringBuilder sql = new StringBuilder("select ").append(columns).append(" from audit_log").append(conditions);
        if (paging.next() != null) {
            sql.append(paging.newestFirst() ? " and seq < ?" : " and seq > ?");
            pageArgs.add(paging.next());
        }
        // one more than the page holds: whether more follow, without counting them
        sql.append(" order by seq ").append(paging.order()).append(" limit ?");
        pageArgs.add(paging.limit() + 1);
        List<Object> countArgs = AuditSearch.args();
        String preceding = "0";
        if (paging.next() != null) {
            preceding = "count(*) filter (where seq " + (paging.newestFirst() ? ">=" : "<=") + " ?)";
            countArgs.add(paging.next());
        }
        countArgs.addAll(where);
        String count = "select count(*), " + preceding + " from audit_log" + conditions;
        return snapshot.execute(tx -> {
            List<T> found = jdbc.query(sql.toString(), rows, pageArgs.toArray());
            long[] counts = jdbc.queryForObject(count, (rs, i) -> new long[]{rs.getLong(1), rs.getLong(2)}, countArgs.toArray());
            boolean more = found.size() > paging.limit();
            List<T> items = more ? List.copyOf(found.subList(0, paging.limit())) : found;
            return new AuditPage<>(items, counts[0], counts[1], more, more ? seq.applyAsLong(items.get(items.size() - 1)) : null);
        });
    }
}
