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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The append-only audit trail: every entry carries the SHA-256 of the entry before it, so editing,
 * deleting or reordering a row breaks the chain at that row. Subjects appear only as keyed hashes.
 */
@Service
public class AuditLog {
    static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final long CHAIN_LOCK = 0x4155_4449_54L;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One thing that happened: who, where, what, to whom (hashed) and why. */
    public record Entry(String actor, String unitCode, String action, String subjectHash, String purpose, Map<String, Object> detail) {
    }

    /** Appends in the caller's transaction when there is one, so the entry commits with what it records. */
    @Transactional(propagation = Propagation.REQUIRED)
    public long append(Entry e) {
        jdbc.queryForList("select pg_advisory_xact_lock(?)", CHAIN_LOCK);
        List<Map<String, Object>> head = jdbc.queryForList("select seq, hash from audit_log order by seq desc limit 1");
        long seq = head.isEmpty() ? 1 : ((Number) head.get(0).get("seq")).longValue() + 1;
        String prev = head.isEmpty() ? GENESIS : (String) head.get(0).get("hash");
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String detail = json(e.detail() == null ? Map.of() : new TreeMap<>(e.detail()));
        String hash = hash(seq, at, e.actor(), e.unitCode(), e.action(), e.subjectHash(), e.purpose(), detail, prev);
        jdbc.update("""
                insert into audit_log (seq, at, actor, unit_code, action, subject_hash, purpose, detail, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                seq, Timestamp.from(at), e.actor(), e.unitCode(), e.action(), e.subjectHash(), e.purpose(), detail, prev, hash);
        return seq;
    }

    /** The hash of one entry: SHA-256 over its fields and the previous hash, in a fixed textual form. */
    static String hash(long seq, Instant at, String actor, String unit, String action, String subject, String purpose,
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
