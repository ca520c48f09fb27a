package org.proofhub.hub.proof;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.platform.GroupCommit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the archive's record of a presented proof and writes the verification's audit entry (SPEC §7.3), for the
 * verifications of the same moment together ({@link GroupCommit}): one statement reads their proofs' records and writes
 * their entries, each entry's verdict completed from its record (the seal and content checks are known before; the archive
 * adds "the same content" and "not revoked"), in one transaction. The caller gets its record only once its entry is
 * durable. A presented proof the archive does not hold gets no entry, as before.
 */
final class VerificationRecorder implements AutoCloseable {
    /**
     * A verification to record: the entries for a valid and for an invalid verdict (without subject: the statement takes
     * the archive's keyed hash), whether every check before the archive passed, and the presented content's digest.
     */
    record Presented(String proofId, AuditLog.Pending valid, AuditLog.Pending invalid, boolean validBeforeArchive, String digest) {
    }

    /** What the archive holds about a proof for its verification: no content or signature bytes. */
    record Archived(String digest, String status, Instant revokedAt, String revocationReason, String subjectHash) {
    }

    private static final String SQL = """
            with u as (
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[],
                                     ?::text[], ?::text[]) with ordinality
                    as u (proof_id, at, actor, unit_code, action, purpose, valid_before_archive, digest, valid_detail, invalid_detail, n)),
            r as (
                select u.*, e.content_digest, e.status, e.revoked_at, e.revocation_reason, e.subject_hash
                from u join eproof e on e.proof_id = u.proof_id),
            a as (
                insert into audit_pending (""" + AuditLog.PENDING_COLUMNS + """
                )
                select r.at::timestamptz, r.actor, r.unit_code, r.action, r.subject_hash, r.purpose,
                    case when r.valid_before_archive and r.content_digest = r.digest and r.status <> 'REVOKED'
                         then r.valid_detail else r.invalid_detail end
                from r order by r.n)
            select n, content_digest, status, revoked_at, revocation_reason, subject_hash from r""";

    private final JdbcTemplate jdbc;
    private final GroupCommit<Presented, Optional<Archived>> group;

    /** Starts the writers; {@code hub.commit.group} (tag {@code writer=proof-verification}) counts the groups and their sizes. */
    VerificationRecorder(JdbcTemplate jdbc, int writerThreads, int maxGroup, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.group = new GroupCommit<>("proof-verification", writerThreads, maxGroup, this::readAndRecord, meters);
    }

    /** The archive's record of the presented proof, once the verification's audit entry is committed; empty when none. */
    Optional<Archived> record(Presented p) {
        return group.submit(p);
    }

    /** Verifications handed over and not yet taken by a writer. */
    int queued() {
        return group.queued();
    }

    private List<Optional<Archived>> readAndRecord(List<Presented> presented) {
        int n = presented.size();
        String[][] columns = new String[9][n];
        Boolean[] validBeforeArchive = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Presented p = presented.get(i);
            String[] values = {p.proofId(), p.valid().at().toInstant().toString(), p.valid().actor(), p.valid().unitCode(), p.valid().action(),
                    p.valid().purpose(), p.digest(), p.valid().detail(), p.invalid().detail()};
            for (int c = 0; c < values.length; c++) {
                columns[c][i] = values[c];
            }
            validBeforeArchive[i] = p.validBeforeArchive();
        }
        List<Optional<Archived>> results = new ArrayList<>(Collections.nCopies(n, Optional.empty()));
        jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                int i = 0;
                for (int col = 0; col < 6; col++) {
                    ps.setArray(++i, c.createArrayOf("text", columns[col]));
                }
                ps.setArray(++i, c.createArrayOf("boolean", validBeforeArchive));
                for (int col = 6; col < 9; col++) {
                    ps.setArray(++i, c.createArrayOf("text", columns[col]));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        results.set((int) rs.getLong(1) - 1, Optional.of(new Archived(rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6))));
                    }
                }
            }
            return null;
        });
        return results;
    }

    @Override
    public void close() {
        group.close();
    }
}
