package org.proofhub.hub.audit;

import java.util.Locale;
import org.proofhub.hub.platform.HubException;

/**
 * Which page of an audit search to answer: newest first (the default) or oldest first, at most {@code limit} entries, from
 * the start or continuing after the entry {@code next} — the {@link AuditPage#next()} of the page before. Paging is by the
 * entry's sequence number (a query record's id; {@link KeysetPages}), not an offset: entries appended while an auditor pages
 * through the newest first do not shift the pages still to come, so nothing is shown twice or skipped.
 *
 * @param newestFirst the highest sequence numbers (the latest entries) first
 * @param limit       how many entries at most, 1 to {@link #MAX_LIMIT}
 * @param next        the last entry of the page before, or null for the first page
 */
public record AuditPaging(boolean newestFirst, int limit, Long next) {
    /** The most entries one page holds; a larger limit asked for is lowered to it. */
    public static final int MAX_LIMIT = 100_000;

    public AuditPaging {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_LIMIT + " entries, not " + limit);
        }
    }

    /**
     * A page as a request words it: {@code order} {@code "desc"} (newest first; also when null or blank) or {@code "asc"}
     * (oldest first), {@code limit} ({@code defaultLimit} when null, lowered to {@link #MAX_LIMIT} when above) and
     * {@code next} (the previous page's {@code next}, or null).
     *
     * @throws HubException a 400 that says what is wrong: an unknown order, a limit below 1, a {@code next} below 1
     */
    public static AuditPaging of(String order, Integer limit, Long next, int defaultLimit) {
        String o = order == null || order.isBlank() ? "desc" : order.strip().toLowerCase(Locale.ROOT);
        if (!o.equals("desc") && !o.equals("asc")) {
            throw HubException.badRequest("audit-order-invalid",
                    "order is \"desc\" (newest first, the default) or \"asc\" (oldest first), nothing else");
        }
        int n = limit == null ? defaultLimit : limit;
        if (n < 1) {
            throw HubException.badRequest("audit-limit-invalid", "limit is how many entries one page holds: at least 1 (at most "
                    + MAX_LIMIT + "), not " + n);
        }
        if (next != null && next < 1) {
            throw HubException.badRequest("audit-next-invalid",
                    "next continues after an entry: send the previous page's next (an entry's number, at least 1), not " + next);
        }
        return new AuditPaging(o.equals("desc"), Math.min(n, MAX_LIMIT), next);
    }

    /** {@code "desc"} or {@code "asc"}, as {@link #of} reads it. */
    public String order() {
        return newestFirst ? "desc" : "asc";
    }
}
