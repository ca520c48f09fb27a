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

    /**
     * The hash of one entry: SHA-256 over its fields and the previous hash, in a fixed textual form: the UTF-8 of the JSON
     * object of them with its keys in alphabetical order, as Jackson writes it (strings escaped as Jackson escapes them,
     * {@code seq} a number, absent values {@code null}; a lone surrogate becomes {@code ?}, as in {@link String#getBytes}).
     * Encoded straight into the digest rather than through Jackson and a string: the chain writer hashes every entry, and
     * the map, its sorted copy and the copies of the text were a third of what the hub allocated while it accepted
     * verification requests. {@code AuditLogTest} holds it to the Jackson form.
     */
    public static String hash(long seq, Instant at, String actor, String unit, String action, String subject, String purpose,
                              String detailJson, String prev) {
        HashInput in = HASH_INPUT.get().reset();
        in.ascii("{\"action\":").string(action).ascii(",\"actor\":").string(actor).ascii(",\"at\":").string(at.toString())
                .ascii(",\"detail\":").string(detailJson).ascii(",\"prev\":").string(prev).ascii(",\"purpose\":").string(purpose)
                .ascii(",\"seq\":").ascii(Long.toString(seq)).ascii(",\"subject\":").string(subject).ascii(",\"unit\":").string(unit)
                .ascii("}");
        return HexFormat.of().formatHex(in.digest());
    }

    private static final ThreadLocal<HashInput> HASH_INPUT = ThreadLocal.withInitial(HashInput::new);

    /** UTF-8 bytes gathered in a buffer and handed to one thread's SHA-256 a bufferful at a time. */
    private static final class HashInput {
        private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
        private final MessageDigest sha;
        private final byte[] buffer = new byte[1024];
        private int used;

        HashInput() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException(ex);
            }
        }

        /** Forgets what an earlier hash that failed half-way (a field it could not read) left behind. */
        HashInput reset() {
            used = 0;
            sha.reset();
            return this;
        }

        byte[] digest() {
            flush();
            return sha.digest();
        }

        private void put(int b) {
            if (used == buffer.length) {
                flush();
            }
            buffer[used++] = (byte) b;
        }

        private void flush() {
            sha.update(buffer, 0, used);
            used = 0;
        }

        HashInput ascii(String s) {
            for (int i = 0; i < s.length(); i++) {
                put(s.charAt(i));
            }
            return this;
        }

        /** A JSON string as Jackson's default generator writes it: quotes, backslashes and control characters escaped, nothing else. */
        HashInput string(String s) {
            if (s == null) {
                return ascii("null");
            }
            put('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"', '\\' -> {
                        put('\\');
                        put(c);
                    }
                    case '\b' -> ascii("\\b");
                    case '\t' -> ascii("\\t");
                    case '\n' -> ascii("\\n");
                    case '\f' -> ascii("\\f");
                    case '\r' -> ascii("\\r");
                    default -> {
                        if (c < 0x20) {
                            ascii("\\u00");
                            put(HEX[c >> 4]);
                            put(HEX[c & 0xF]);
                        } else if (c < 0x80) {
                            put(c);
                        } else if (c < 0x800) {
                            put(0xC0 | c >> 6);
                            put(0x80 | c & 0x3F);
                        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            int cp = Character.toCodePoint(c, s.charAt(++i));
                            put(0xF0 | cp >> 18);
                            put(0x80 | cp >> 12 & 0x3F);
                            put(0x80 | cp >> 6 & 0x3F);
                            put(0x80 | cp & 0x3F);
                        } else if (Character.isSurrogate(c)) {
                            put('?');
                        } else {
                            put(0xE0 | c >> 12);
                            put(0x80 | c >> 6 & 0x3F);
                            put(0x80 | c & 0x3F);
                        }
                    }
                }
            }
            put('"');
            return this;
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
