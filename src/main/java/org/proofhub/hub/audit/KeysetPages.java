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
 * A page ({@link AuditPaging}) of what an auditor's search finds in a table that only grows and numbers its rows in the order
 * they are written — the trail ({@code audit_log}, on {@code seq}; {@link AuditEntries}) and the query records
 * ({@code query_record}, on {@code id}) — with how many the search finds in all. Pages are cut on that number (keyset, not an
 * offset): rows written while an auditor pages through the newest first do not shift the pages still to come. The page and
 * its count are read in one snapshot; the count stops at {@code hub.audit.search-count-limit} (100,000).
 */
@Component
public class KeysetPages {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final long countLimit;

    /** {@code countLimit}: how far a search's matches are counted ({@link AuditPage#total()}); beyond it the total says "at least". */
    KeysetPages(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                @org.springframework.beans.factory.annotation.Value("${hub.audit.search-count-limit:100000}") long countLimit) {
        if (countLimit < 1) {
            throw new IllegalArgumentException("hub.audit.search-count-limit must be at least 1");
        }
        this.jdbc = jdbc;
        this.countLimit = countLimit;
        // the page and its counts from one snapshot of the table, which writers append to meanwhile
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /**
     * The page {@code paging} asks for of {@code table}'s rows that match {@code where}, each read by {@code rows} from
     * {@code columns}. {@code table}, {@code key} and {@code columns} are SQL written by the caller, never a request's words.
     *
     * @param key   the unique, increasing column the pages are cut on
     * @param where the conditions, starting with {@code " where"}, with {@code ?} for the values {@code args} holds in order
     * @param keyOf a row's {@code key}, for the answer's {@link AuditPage#next()}
     */
    public <T> AuditPage<T> page(String table, String key, String columns, String where, List<Object> args, AuditPaging paging,
                                 RowMapper<T> rows, ToLongFunction<T> keyOf) {
        List<Object> pageArgs = new java.util.ArrayList<>(args);
        StringBuilder sql = new StringBuilder("select ").append(columns).append(" from ").append(table).append(where);
        if (paging.next() != null) {
            sql.append(" and ").append(key).append(paging.newestFirst() ? " < ?" : " > ?");
            pageArgs.add(paging.next());
        }
        // one more than the page holds: whether more follow, without counting them
        sql.append(" order by ").append(key).append(' ').append(paging.order()).append(" limit ?");
        pageArgs.add(paging.limit() + 1);
        // counted up to the limit: a broad search (an action, a unit) over years of trail would otherwise count every row
        List<Object> countArgs = new java.util.ArrayList<>(args);
        countArgs.add(countLimit + 1);
        String count = "select count(*) from (select 1 from " + table + where + " limit ?) matching";
        return snapshot.execute(tx -> {
            List<T> found = jdbc.query(sql.toString(), rows, pageArgs.toArray());
            long counted = jdbc.queryForObject(count, Long.class, countArgs.toArray());
            boolean more = found.size() > paging.limit();
            List<T> items = more ? List.copyOf(found.subList(0, paging.limit())) : found;
            return new AuditPage<>(items, Math.min(counted, countLimit), counted <= countLimit, more,
                    more ? keyOf.applyAsLong(items.get(items.size() - 1)) : null);
        });
    }
}
