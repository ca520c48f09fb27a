package org.proofhub.hub.commitment.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.commitment.RefusedFindings;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.platform.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes the findings of post-checks that departments' systems send to {@value PostChecks#FINDINGS} (route
 * {@code post-check-findings}), as their agents would through {@code POST /api/post-checks/{id}/finding}. A message is JSON:
 * <pre>{"messageId": "...", "checkId": "...", "unit": "GAJ", "result": "CONFIRMED" | "FALSE", "note": "核查情况", "checkedBy": "name"}</pre>
 * The message id is recorded in the same transaction as the finding, so a redelivered message changes nothing. A message
 * the hub cannot take (malformed, unknown check, another unit's check, a finding already recorded) is recorded with the
 * reason in {@code post_check_finding_message} and not retried; anything else (database away) fails the exchange, so the
 * broker keeps the message and the route retries.
 */
public final class FindingReceiver implements RefusedFindings {
    private static final Logger log = LoggerFactory.getLogger(FindingReceiver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostChecks postChecks;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    FindingReceiver(PostChecks postChecks, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.postChecks = postChecks;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    private record Finding(String messageId, String checkId, String unit, String result, String note, String checkedBy) {
    }

    public void receive(byte[] body) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Finding f;
        try {
            f = read(body);
        } catch (IllegalArgumentException e) {
            // kept with its bytes and the reason: nothing a department sent is lost
            String id = "unreadable-" + sha256(body);
            jdbc.update("""
                    insert into post_check_finding_message (message_id, received_at, accepted, problem, body) values (?, ?, false, ?, ?)
                    on conflict (message_id) do nothing""", id, Timestamp.from(now), e.getMessage(), body);
            log.warn("post-check finding message {} refused: {}", id, e.getMessage());
            return;
        }
        tx.executeWithoutResult(st -> {
            int fresh = jdbc.update("""
                    insert into post_check_finding_message (message_id, check_id, unit_code, result, received_at, accepted)
                    values (?, ?, ?, ?, ?, true) on conflict (message_id) do nothing""",
                    f.messageId(), f.checkId(), f.unit(), f.result(), Timestamp.from(now));
            if (fresh == 0) {
                log.debug("post-check finding message {} seen before; ignored", f.messageId());
                return;
            }
            Object savepoint = st.createSavepoint();
            try {
                HubUser system = new HubUser("jms:" + f.unit() + ":" + f.checkedBy(), f.checkedBy(), f.unit(), Set.of(Role.AGENT));
                postChecks.applyFinding(f.checkId(), f.result(), f.note(), system, now);
            } catch (HubException e) {
                st.rollbackToSavepoint(savepoint);
                String problem = Masking.maskIdentifiers(e.getMessage());
                jdbc.update("update post_check_finding_message set accepted = false, problem = ? where message_id = ?", problem, f.messageId());
                log.warn("post-check finding message {} for check {} refused: {}", f.messageId(), f.checkId(), problem);
            }
        });
    }

    @Override
    public List<Refused> refused(String unit, int limit) {
        return jdbc.query("""
                select message_id, check_id, unit_code, result, received_at, problem from post_check_finding_message
                where not accepted and (cast(? as text) is null or unit_code = ?) order by received_at desc, message_id limit ?""",
                (rs, i) -> new Refused(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                        rs.getString(6)), unit, unit, limit);
    }

    private static Finding read(byte[] body) {
        JsonNode j;
        // Reasons say where and which field, never what was there: the parser's own messages quote the offending text,
        // which may be anything the sender put in, a citizen ID too, and the reason is logged, stored and shown.
        try {
            j = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(at == null ? "not JSON"
                    : "not JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (j == null || !j.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String unit = text(j, "unit", 32);
        if (!unit.matches("[A-Z0-9_]{1,32}")) {
            throw new IllegalArgumentException("unit is no unit code (capital letters, digits and _)");
        }
        return new Finding(text(j, "messageId", 128), text(j, "checkId", 64), unit, text(j, "result", 16),
                j.path("note").isTextual() ? j.path("note").asText() : null, text(j, "checkedBy", 24));
    }

    private static String text(JsonNode j, String field, int maxLength) {
        JsonNode v = j.path(field);
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > maxLength) {
            throw new IllegalArgumentException(field + " is required: text of 1 to " + maxLength + " characters");
        }
        return v.asText().strip();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
