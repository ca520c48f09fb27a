package org.proofhub.hub.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The append-only audit trail: every entry carries the SHA-256 of the entry before it, so editing,
 * deleting or reordering a row breaks the chain at that row. Subjects appear only as keyed hashes.
 * <p>
 * {@link #append} writes the event in the caller's transaction into an intake table, so it commits
 * with what it records and costs one insert; {@link AuditChainWriter} moves intake rows into the
 * chain in order, in batches.
 */
@Service
public class AuditLog {
    static final String GENESIS = "0".repeat(64);
    /**
     * The PostgreSQL advisory lock (transaction-scoped) held by whoever adds entries to {@code audit_log}: the chain
     * writer, and a bulk import of a chain (which must continue from the head it read under the lock).
     */
    public static final long CHAIN_LOCK = 0x4155_4449_54L;
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One thing that happened: who, where, what, to whom (hashed) and why. */
    public record Entry(String actor, String unitCode, String action, String subjectHash, String purpose, Map<String, Object> detail) {
    }

    /** Records {@code e}; joins the caller's transaction when there is one. */
    public void append(Entry e) {
        jdbc.update("insert into audit_pending (" + PENDING_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?)", pending(e).values());
    }

    /** The columns of an intake row, in the order of {@link Pending#values()}. */
    public static final String PENDING_COLUMNS = "at, actor, unit_code, action, subject_hash, purpose, detail";

    /** An intake row as {@link #append} writes it. */
    public record Pending(Timestamp at, String actor, String unitCode, String action, String subjectHash, String purpose, String detail) {
        public Object[] values() {
            return new Object[]{at, actor, unitCode, action, subjectHash, purpose, detail};
        }
    }

    /**
     * The intake row {@link #append} would write for {@code e}, for a caller that inserts it within a statement of its own
     * (in {@code audit_pending}, columns {@link #PENDING_COLUMNS}), so that it commits with what it records.
     */
    public Pending pending(Entry e) {
        return new Pending(Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)), e.actor(), e.unitCode(), e.action(),
                e.subjectHash(), e.purpose(), json(e.detail() == null ? Map.of() : new TreeMap<>(e.detail())));
    }

    /** The hash of one entry: SHA-256 over its fields and the previous hash, in a fixed textual form. */
    public static String hash(long seq, Instant at, String actor, String unit, String action, String subject, String purpose,
                              String detailJson, String prev) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("at", at.toString());
        m.put("actor", actor);
        m.put("unit", unit);
        m.put("action", action);
        m.put("subject", subject);
        m.put("purpose", purpose);
        m.put("detail", detailJson);
        m.put("prev", prev);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(json(m).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("audit detail must be plain JSON", ex);
        }
    }
}
