package org.proofhub.hub.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.proofhub.hub.seal.SealCheck;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealVerification;
import org.proofhub.hub.seal.SealVerifier;
import org.proofhub.hub.seal.TrustAnchors;

/**
 * Verifies a stored audit trail from a database connection: the whole hash chain, streamed, and every
 * signed checkpoint (its audit-seal signature against the given trust anchors, its time-stamp, and that
 * the chain has the same hash at that entry). Used by the offline {@code audit-verify} command and the API.
 */
public final class AuditVerification {
    private AuditVerification() {
    }

    /** The verdict: the chain's result and one line per checkpoint. */
    public record Report(boolean intact, AuditChainVerifier.Result chain, List<String> checkpoints, long checkpointsValid) {
        public String summary() {
            return intact ? "INTACT: " + chain.checked() + " entries, " + checkpointsValid + " signed checkpoint(s) verified"
                    : "BROKEN: " + (chain.intact() ? checkpoints.stream().filter(l -> l.startsWith("FAILED")).findFirst().orElse("")
                    : "first broken entry " + chain.brokenAt() + " — " + chain.reason());
        }
    }

    /**
     * What a checkpoint's seal must pass besides naming the audit purpose: signature and content, then the time-stamp and
     * the certificate chain at its time (each reported on its own). Revocation is not required: the offline
     * check runs without CRLs, and a seal revoked later does not undo a checkpoint time-stamped before.
     */
    private static final List<SealCheck> REQUIRED = List.of(SealCheck.SIGNATURE, SealCheck.CONTENT_DIGEST);

    private record Checkpoint(long seq, String hash, byte[] content, byte[] signature) {
    }

    /** The running hub's trail ({@code audit_log}) checked now against its own seal module's trust anchors: the API's and the console's check. */
    public static Report verifyHubTrail(javax.sql.DataSource dataSource, org.proofhub.hub.seal.SealModule seals, Instant now) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return verify(c, "audit_log", seals.trustAnchors(), seals.verifier(), now);
        }
    }

    public static Report verify(Connection c, String table, TrustAnchors anchors, SealVerifier verifier, Instant now) throws SQLException {
        if (!table.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("table name '" + table + "' must be a plain identifier");
        }
        TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("select seq, hash, content, signature from audit_checkpoint order by seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                checkpoints.put(rs.getLong(1), new Checkpoint(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4)));
            }
        }
        TreeMap<Long, String> hashesAtCheckpoints = new TreeMap<>();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        AuditChainVerifier.Result chain;
        try (PreparedStatement ps = c.prepareStatement(
                "select seq, at, actor, unit_code, action, subject_hash, purpose, detail, prev_hash, hash from " + table + " order by seq")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                chain = AuditChainVerifier.verify(new RowIterator(rs, checkpoints, hashesAtCheckpoints));
            }
        } finally {
            c.commit();
            c.setAutoCommit(auto);
        }
        List<String> lines = new ArrayList<>();
        long valid = 0;
        for (Checkpoint cp : checkpoints.values()) {
            SealVerification v = verifier.verify(cp.content(), cp.signature(), anchors, List.of(), now);
            boolean signed = REQUIRED.stream().allMatch(check -> v.status(check) == SealVerification.Status.PASSED)
                    && v.purpose() == SealPurpose.AUDIT;
            // the time-stamp is what proves when the head was signed: a checkpoint whose token was removed or altered
            // could have been signed later, over a rewritten chain, with a stolen or still valid key
            boolean stamped = v.status(SealCheck.TIME_STAMP) == SealVerification.Status.PASSED;
            boolean matches = new String(cp.content(), java.nio.charset.StandardCharsets.UTF_8).contains("\"hash\":\"" + cp.hash() + "\"")
                    && new String(cp.content(), java.nio.charset.StandardCharsets.UTF_8).contains("\"seq\":" + cp.seq() + "}");
            String chained = hashesAtCheckpoints.get(cp.seq());
            if (!signed || !matches) {
                lines.add("FAILED checkpoint " + cp.seq() + ": its audit-seal signature does not verify (" + v.summary() + ")");
            } else if (!stamped) {
                lines.add("FAILED checkpoint " + cp.seq() + ": it carries no valid time-stamp, so when it was signed is not proven ("
                        + v.result(SealCheck.TIME_STAMP).reason() + ")");
            } else if (v.status(SealCheck.CERTIFICATE_CHAIN) != SealVerification.Status.PASSED) {
                lines.add("FAILED checkpoint " + cp.seq() + ": its seal certificate does not chain to a trust anchor ("
                        + v.result(SealCheck.CERTIFICATE_CHAIN).reason() + ")");
            } else if (chained == null) {
                lines.add("FAILED checkpoint " + cp.seq() + ": the chain no longer reaches entry " + cp.seq() + " (entries removed from the end)");
            } else if (!chained.equals(cp.hash())) {
                lines.add("FAILED checkpoint " + cp.seq() + ": the chain's hash at entry " + cp.seq() + " differs from the signed one (the chain was rewritten)");
            } else {
                lines.add("OK     checkpoint " + cp.seq() + " signed by " + v.sealId() + " at " + v.timeStampTime());
                valid++;
            }
        }
        boolean intact = chain.intact() && valid == checkpoints.size();
        return new Report(intact, chain, lines, valid);
    }

    /** Streams rows into the verifier, remembering the hashes at checkpointed entries. */
    private static final class RowIterator implements Iterator<AuditChainVerifier.Row> {
        private final ResultSet rs;
        private final TreeMap<Long, Checkpoint> checkpoints;
        private final TreeMap<Long, String> hashes;
        private Boolean hasNext;

        RowIterator(ResultSet rs, TreeMap<Long, Checkpoint> checkpoints, TreeMap<Long, String> hashes) {
            this.rs = rs;
            this.checkpoints = checkpoints;
            this.hashes = hashes;
        }

        @Override
        public boolean hasNext() {
            if (hasNext == null) {
                try {
                    hasNext = rs.next();
                } catch (SQLException e) {
                    throw new IllegalStateException("reading the audit trail failed: " + e.getMessage(), e);
                }
            }
            return hasNext;
        }

        @Override
        public AuditChainVerifier.Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            hasNext = null;
            try {
                AuditChainVerifier.Row r = new AuditChainVerifier.Row(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
                if (checkpoints.containsKey(r.seq())) {
                    hashes.put(r.seq(), r.hash());
                }
                return r;
            } catch (SQLException e) {
                throw new IllegalStateException("reading the audit trail failed: " + e.getMessage(), e);
            }
        }
    }
}
