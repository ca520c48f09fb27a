package org.proofhub.hub.verification.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.verification.VerificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An ID scan (an image of an identity card: sensitive personal information, PIPL art. 28) is kept while its request is open
 * and for {@code hub.verification.id-scan-retention} after it was answered, then its image is deleted; type, size and SHA-256
 * stay, and a read says when it was deleted (410). Runs every {@code hub.verification.id-scan-purge-interval} (1 h), in batches,
 * each batch one audit entry ({@code ID_SCANS_DELETED}); safe on several instances at once (rows are claimed with
 * {@code SKIP LOCKED}).
 */
public final class IdScanRetention {
    private static final Logger log = LoggerFactory.getLogger(IdScanRetention.class);
    private static final int BATCH = 500;

    private final RequestStore store;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final VerificationProperties props;
    private final Clock clock;

    IdScanRetention(RequestStore store, TransactionTemplate tx, AuditLog audit, VerificationProperties props, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.audit = audit;
        this.props = props;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${hub.verification.id-scan-purge-interval:1h}", initialDelayString = "${hub.verification.id-scan-purge-interval:1h}")
    void scheduled() {
        try {
            purge();
        } catch (RuntimeException e) {
            log.warn("verification: deleting expired ID scans failed, next try in an interval: {}", e.toString());
        }
    }

    /** Deletes the scans whose retention has run out now; returns how many. */
    public int purge() {
        int deleted = 0;
        while (true) {
            Instant now = clock.instant();
            List<String> batch = tx.execute(st -> {
                List<String> ids = store.purgeScans(now.minus(props.idScanRetention()), now, BATCH);
                if (!ids.isEmpty()) {
                    audit.append(new AuditLog.Entry("hub", null, "ID_SCANS_DELETED", null, "保存期限届满",
                            Map.of("requests", ids, "retention", props.idScanRetention().toString())));
                }
                return ids;
            });
            deleted += batch.size();
            if (batch.size() < BATCH) {
                if (deleted > 0) {
                    log.info("verification: deleted {} ID scans of requests answered more than {} ago", deleted, props.idScanRetention());
                }
                return deleted;
            }
        }
    }
}
