package org.proofhub.hub.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealRegistry;
import org.proofhub.hub.seal.Sealer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seals the audit chain's head now and then with the dedicated audit seal (time-stamped), so that
 * even a chain rewritten from some entry on with fresh hashes no longer matches a signed checkpoint.
 */
@Component
public class AuditCheckpoints {
    private final JdbcTemplate jdbc;
    private final Sealer sealer;
    private final SealRegistry seals;
    private final Clock clock;

    AuditCheckpoints(JdbcTemplate jdbc, Sealer sealer, SealRegistry seals, Clock clock) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.seals = seals;
        this.clock = clock;
    }

    /** The signed content of a checkpoint: {@code {"at":…,"hash":…,"seq":…}} in canonical JSON. */
    public static byte[] content(long seq, String hash, Instant at) {
        return ("{\"at\":\"" + at + "\",\"hash\":\"" + hash + "\",\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Signs the current head unless it is signed already; returns the checkpoint's sequence number or -1. */
    @Scheduled(fixedDelayString = "${hub.audit.checkpoint-interval:60s}", initialDelayString = "${hub.audit.checkpoint-interval:60s}")
    public long checkpoint() {
        List<Map<String, Object>> head = jdbc.queryForList("select seq, hash from audit_log order by seq desc limit 1");
        if (head.isEmpty()) {
            return -1;
        }
        long seq = ((Number) head.get(0).get("seq")).longValue();
        String hash = (String) head.get(0).get("hash");
        Long last = jdbc.queryForObject("select max(seq) from audit_checkpoint", Long.class);
        if (last != null && last >= seq) {
            return -1;
        }
        Instant at = clock.instant();
        byte[] content = content(seq, hash, at);
        String sealId = seals.seals().stream().filter(s -> s.purpose() == SealPurpose.AUDIT && s.status() == org.proofhub.hub.seal.SealStatus.ACTIVE)
                .findFirst().orElseThrow(() -> new IllegalStateException("no active audit seal to sign checkpoints with")).id();
        byte[] signature = sealer.seal(content, SealPurpose.AUDIT, sealId);
        jdbc.update("insert into audit_checkpoint (seq, hash, at, content, signature) values (?, ?, ?, ?, ?) on conflict do nothing",
                seq, hash, Timestamp.from(at), content, signature);
        return seq;
    }
}
