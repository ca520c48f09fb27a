package org.proofhub.hub.audit;

import java.time.Instant;
import java.util.Iterator;

/**
 * Recomputes the audit chain entry by entry: an edited row no longer hashes to its stored hash, a
 * deleted or reordered row breaks the sequence or the link to the previous hash. Needs nothing but
 * the rows, so it runs offline on a database copy or an export.
 */
public final class AuditChainVerifier {
    private AuditChainVerifier() {
    }

    /** One stored entry, as read back. */
    public record Row(long seq, Instant at, String actor, String unit, String action, String subject, String purpose, String detail,
                      String prevHash, String hash) {
    }

    /**
     * @param entries   rows in the order read
     * @param checked   how many entries were checked
     * @param brokenAt  the first broken entry's sequence number, or -1
     * @param lastHash  the hash of the last good entry
     */
    public record Result(boolean intact, long checked, long brokenAt, String reason, String lastHash) {
    }

    /** Checks rows in {@code seq} order as they are stored. */
    public static Result verify(Iterator<Row> rows) {
        long expectedSeq = 1;
        String prev = AuditLog.GENESIS;
        long n = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            if (r.seq() != expectedSeq) {
                return new Result(false, n, r.seq(), "entry " + r.seq() + " follows entry " + (expectedSeq - 1)
                        + (r.seq() > expectedSeq ? ": entries " + expectedSeq + ".." + (r.seq() - 1) + " are missing" : ": entries are out of order"), prev);
            }
            if (!r.prevHash().equals(prev)) {
                return new Result(false, n, r.seq(), "entry " + r.seq() + " does not link to the entry before it (deleted, reordered or replaced)", prev);
            }
            String hash = AuditLog.hash(r.seq(), r.at(), r.actor(), r.unit(), r.action(), r.subject(), r.purpose(), r.detail(), r.prevHash());
            if (!hash.equals(r.hash())) {
                return new Result(false, n, r.seq(), "entry " + r.seq() + " was changed after it was written (its content no longer hashes to its stored hash)", prev);
            }
            prev = r.hash();
            expectedSeq++;
            n++;
        }
        return new Result(true, n, -1, "all " + n + " entries are intact", prev);
    }
}
