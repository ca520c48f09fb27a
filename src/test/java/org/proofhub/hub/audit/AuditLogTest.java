package org.proofhub.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The chain's hash input is written by hand; every chain written before (and every verifier outside the hub) hashed
 * the Jackson form. The two must agree byte for byte, whatever the strings hold.
 */
class AuditLogTest {
    private static final ObjectMapper JACKSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** The hash as it was computed before: a map of the fields, serialised by Jackson with its keys sorted. */
    private static String jacksonHash(long seq, Instant at, String actor, String unit, String action, String subject, String purpose,
                                      String detail, String prev) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("at", at.toString());
        m.put("actor", actor);
        m.put("unit", unit);
        m.put("action", action);
        m.put("subject", subject);
        m.put("purpose", purpose);
        m.put("detail", detail);
        m.put("prev", prev);
        byte[] json = JACKSON.writeValueAsString(m).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    }

    @Test
    void aTypicalEntryHashesAsTheJacksonFormDid() throws Exception {
        Instant at = Instant.parse("2026-11-27T10:15:30.123456Z");
        String detail = "{\"application\":\"APP-1\",\"proofType\":\"household-registration\",\"result\":\"ISSUED\"}";
        assertThat(AuditLog.hash(42, at, "window.agent", "ZWFWZX", "DATA_QUERY", "3f2a", "办理居住证", detail, AuditLog.GENESIS))
                .isEqualTo(jacksonHash(42, at, "window.agent", "ZWFWZX", "DATA_QUERY", "3f2a", "办理居住证", detail, AuditLog.GENESIS));
        assertThat(AuditLog.hash(1, at, "hub", null, "CONFIG", null, null, null, "ab"))
                .isEqualTo(jacksonHash(1, at, "hub", null, "CONFIG", null, null, null, "ab"));
    }

    @Test
    void everyCharacterIsEscapedAsJacksonEscapesIt() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            all.append(c);
        }
        // a surrogate pair, a lone surrogate, the line and paragraph separators and a CJK character
        all.append("\uD83D\uDE00").append('\uD800').append("\u2028\u2029").append("证");
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(AuditLog.hash(7, at, all.toString(), "U", "A", "S", "P", all.toString(), "p"))
                .isEqualTo(jacksonHash(7, at, all.toString(), "U", "A", "S", "P", all.toString(), "p"));
    }

    @Test
    void aHashThatFailedHalfWayLeavesNothingForTheNext() throws Exception {
        Instant at = Instant.parse("2026-11-27T10:15:30Z");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditLog.hash(1, null, "a", "u", "x", "s", "p", "d", "prev"))
                .isInstanceOf(NullPointerException.class);
        assertThat(AuditLog.hash(1, at, "a", "u", "x", "s", "p", "d", "prev")).isEqualTo(jacksonHash(1, at, "a", "u", "x", "s", "p", "d", "prev"));
    }

    @Test
    void randomEntriesHashAsTheJacksonFormDid() throws Exception {
        Random random = new Random(20261127);
        String alphabet = "ab\"\\/\n\r\t\b\f\u0000\u001f\u007f é证\uD83D\uDE00{}[]:,";
        for (int i = 0; i < 2_000; i++) {
            String[] f = new String[6];
            for (int k = 0; k < f.length; k++) {
                if (random.nextInt(8) == 0) {
                    f[k] = null;
                    continue;
                }
                StringBuilder b = new StringBuilder();
                int n = random.nextInt(40);
                for (int j = 0; j < n; j++) {
                    b.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                f[k] = b.toString();
            }
            long seq = random.nextLong();
            Instant at = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000) * 1_000L);
            assertThat(AuditLog.hash(seq, at, f[0], f[1], f[2], f[3], f[4], f[5], "prev"))
                    .as("entry %d", i)
                    .isEqualTo(jacksonHash(seq, at, f[0], f[1], f[2], f[3], f[4], f[5], "prev"));
        }
    }
}
