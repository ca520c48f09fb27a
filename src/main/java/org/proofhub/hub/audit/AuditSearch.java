package org.proofhub.hub.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an auditor searches the trail by — the subject's keyed hash, who acted, the account an entry is about ("who changed
 * this account?"), unit, action, time — as the {@code where} of a query on {@code audit_log}. The API and the console's audit
 * page search the same way. Blank criteria are left out. The action {@code PROOF_ISSUED} finds every proof issued, by
 * department verification or by data query ({@link AuditAction}).
 */
public record AuditSearch(String subjectHash, String actor, String about, String unit, String action, Instant from, Instant to,
                          boolean readsOnly) {

    public AuditSearch(String subjectHash, String actor, String about, String unit, String action, Instant from, Instant to) {
        this(subjectHash, actor, about, unit, action, from, to, false);
    }

    /**
     * "Who looked at this subject": only the reads of personal data ({@link AuditAction#READS}) about the subject with this
     * keyed hash, in {@code [from, to)} when given — not what else happened to it, nor auditors' searches for it.
     */
    public static AuditSearch reads(String subjectHash, Instant from, Instant to) {
        return new AuditSearch(java.util.Objects.requireNonNull(subjectHash, "a subject"), null, null, null, null, from, to, true);
    }

    /** This search narrowed to the reads of personal data ({@link AuditAction#READS}). */
    public AuditSearch onlyReads() {
        return new AuditSearch(subjectHash, actor, about, unit, action, from, to, true);
    }

    /** Whether anything at all is searched for. */
    public boolean isEmpty() {
        return subjectHash == null && blank(actor) && blank(about) && blank(unit) && blank(action) && from == null && to == null;
    }

    /** The conditions, starting with {@code where}, and their values appended to {@code args} in order. */
    public String where(List<Object> args) {
        StringBuilder sql = new StringBuilder(" where true");
        add(sql, args, " and subject_hash = ?", subjectHash);
        add(sql, args, " and actor = ?", text(actor));
        // entries about an account: its creation, role changes, locks, password changes
        add(sql, args, " and detail::jsonb->>'account' = ?", text(about));
        add(sql, args, " and unit_code = ?", text(unit));
        if (AuditAction.PROOF_ISSUED.equals(text(action))) {
            // issued by department verification, or by a data query (recorded once, as the query with the proof's id)
            sql.append(" and ").append(AuditAction.ISSUED_CONDITION);
        } else {
            add(sql, args, " and action = ?", text(action));
        }
        if (readsOnly) {
            sql.append(" and ").append(AuditAction.READS_CONDITION);
        }
        add(sql, args, " and at >= ?", from == null ? null : Timestamp.from(from));
        add(sql, args, " and at < ?", to == null ? null : Timestamp.from(to));
        return sql.toString();
    }

    /** A new list of the values {@link #where} appends to. */
    public static List<Object> args() {
        return new ArrayList<>();
    }

    private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    private static String text(String s) {
        return blank(s) ? null : s.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
