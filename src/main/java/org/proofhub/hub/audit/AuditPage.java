package org.proofhub.hub.audit;

import java.util.List;

/**
 * One page of an audit search ({@link AuditPaging}), and how it stands in the whole answer: an auditor is told how many
 * entries the search finds and whether more follow, never a silently cut list.
 *
 * @param items      the page's entries, in the page's order
 * @param total      how many entries the search finds in all, over every page, counted up to a limit
 *                   ({@code hub.audit.search-count-limit}, 100,000): a broad search over years of trail is not counted to its end
 * @param totalExact whether {@code total} is the exact number; false: there are at least {@code total}
 * @param more       whether entries follow this page
 * @param next       the last entry's sequence number (a query record's id), to send as {@link AuditPaging#next()} for the
 *                   following page; null when none follows
 */
public record AuditPage<T>(List<T> items, long total, boolean totalExact, boolean more, Long next) {
}
