package org.proofhub.hub.bench.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.proofhub.hub.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the audit chain long fast: continues it from its head with generated entries, each hashed with
 * {@link AuditLog#hash} exactly as the chain writer hashes, loaded with COPY. Each batch is one transaction
 * holding {@link AuditLog#CHAIN_LOCK}, so the hub's chain writer waits and then continues from the new head.
 */
final class ChainFill {
    private static final Logger log = LoggerFactory.getLogger(ChainFill.class);
    private static final int BATCH = 100_000;
    private static final String[][] KINDS = {
        {"window.agent", "ZWFWZX", "DATA_QUERY", "最低生活保障申请：核验申请人户籍"},
        {"window.agent.b", "ZWFWZX", "PROOF_READ", "打印证明"},
        {"gaj.supervisor", "GAJ", "RECORD_READ", "核对户籍信息"},
        {"auditor", "SJJ", "QUERY_RECORDS_SEARCHED", "audit"},
    };

    private final DataSource hubDb;

    ChainFill(DataSource hubDb) {
        this.hubDb = hubDb;
    }

    /** Adds entries until the chain holds {@code total}; returns what it did. */
    Map<String, Object> fillUpTo(long total) throws SQLException {
        long start = System.nanoTime();
        long before = -1;
        long generated = 0;
        try (Connection c = hubDb.getConnection()) {
            c.setAutoCommit(false);
            while (true) {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, AuditLog.CHAIN_LOCK);
                    lock.execute();
                }
                long seq = 0;
                String prev = null;
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select seq, hash from audit_log order by seq desc limit 1")) {
                    if (rs.next()) {
                        seq = rs.getLong(1);
                        prev = rs.getString(2);
                    }
                }
                if (prev == null) {
                    throw new IllegalStateException("the chain is empty: the fill continues a chain the hub started");
                }
                if (before < 0) {
                    before = seq;
                }
                int n = (int) Math.min(BATCH, total - seq);
                if (n <= 0) {
                    c.commit();
                    break;
                }
                copy(c, seq, prev, n);
                c.commit();
                generated += n;
                log.info("bench audit: chain filled to {} entries", seq + n);
            }
            c.setAutoCommit(true);
        }
        long filled = System.nanoTime();
        try (Connection c = hubDb.getConnection(); Statement s = c.createStatement()) {
            // a chain a million entries long has been vacuumed and analysed by autovacuum along the way; a fresh bulk load has not
            s.execute("vacuum (analyze) audit_log");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entriesBefore", before);
        m.put("generated", generated);
        m.put("generateHashAndCopySeconds", seconds(filled - start));
        m.put("vacuumAnalyzeSeconds", seconds(System.nanoTime() - filled));
        return m;
    }

    /** COPYs {@code n} entries after entry {@code seq} with hash {@code prev}. */
    private static void copy(Connection c, long seq, String prev, int n) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "copy audit_log (seq, at, actor, unit_code, action, subject_hash, purpose, detail, prev_hash, hash) from stdin");
        try {
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            StringBuilder rows = new StringBuilder(1 << 20);
            for (int i = 1; i <= n; i++) {
                long s = seq + i;
                String[] kind = KINDS[(int) (s % KINDS.length)];
                // microseconds apart, as the chain writer stores them (timestamptz keeps µs)
                Instant entryAt = at.plus(i, ChronoUnit.MICROS);
                String subject = subjectHash(s);
                String detail = "{\"application\":\"APP-" + s + "\",\"proofId\":\"EP-20261126-F" + s + "\",\"result\":\"ISSUED\"}";
                String hash = AuditLog.hash(s, entryAt, kind[0], kind[1], kind[2], subject, kind[3], detail, prev);
                rows.append(s).append('\t').append(entryAt).append('\t').append(kind[0]).append('\t').append(kind[1]).append('\t')
                        .append(kind[2]).append('\t').append(subject).append('\t').append(kind[3]).append('\t').append(detail)
                        .append('\t').append(prev).append('\t').append(hash).append('\n');
                prev = hash;
                if (rows.length() > (1 << 20) - 2_000 || i == n) {
                    byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    rows.setLength(0);
                }
            }
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /**
     * Reads the chain as {@code AuditVerification} reads it (same order, fetch size and columns) without checking
     * anything: how much of a verification is reading.
     */
    static long streamOnly(Connection c) throws SQLException {
        c.setAutoCommit(false);
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "select seq, at, actor, unit_code, action, subject_hash, purpose, detail, prev_hash, hash from audit_log order by seq")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1);
                    rs.getTimestamp(2).toInstant();
                    for (int i = 3; i <= 10; i++) {
                        rs.getString(i);
                    }
                    rows++;
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(true);
        }
        return rows;
    }

    /** A stand-in for a keyed hash of a citizen ID: 64 hex digits, different per entry. */
    static String subjectHash(long n) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Long.toString(n).getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long count(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1000.0;
    }
}
