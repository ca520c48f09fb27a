package org.proofhub.hub.verification.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.platform.Masking;
import org.proofhub.hub.verification.Answer;
import org.proofhub.hub.verification.VerificationReplyMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies replies that departments' systems send over JMS (route {@code verification-replies}). The reply id
 * is recorded in the same transaction as the change it causes: a redelivered reply finds it and changes
 * nothing. A reply the hub cannot apply (unknown request, wrong unit, an answer the state no longer allows)
 * is recorded with the reason and not retried; anything else (database away) fails the exchange, so the
 * broker keeps the message and the route retries.
 */
public final class ReplyReceiver {
    private static final Logger log = LoggerFactory.getLogger(ReplyReceiver.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RequestStore store;
    private final VerificationService service;
    private final Clock clock;

    ReplyReceiver(JdbcTemplate jdbc, TransactionTemplate tx, RequestStore store, VerificationService service, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.store = store;
        this.service = service;
        this.clock = clock;
    }

    public void receive(byte[] body) {
        VerificationReplyMessage m;
        try {
            m = Messages.decodeReply(body);
        } catch (IllegalArgumentException e) {
            log.warn("verification reply dropped: {}", e.getMessage());
            return;
        }
        VerificationService.Applied applied = tx.execute(st -> {
            int fresh = jdbc.update("""
                    insert into verification_reply (reply_id, request_id, issuing_unit, kind, received_at, accepted)
                    values (?, ?, ?, ?, ?, true) on conflict (reply_id) do nothing""",
                    m.getReplyId(), m.getRequestId(), m.getIssuingUnit(), m.getKind().name(), Timestamp.from(clock.instant()));
            if (fresh == 0) {
                log.debug("verification reply {} seen before; ignored", m.getReplyId());
                return null;
            }
            Object savepoint = st.createSavepoint();
            try {
                RequestRow r = store.lock(m.getRequestId()).orElseThrow(() -> VerificationService.notFound(m.getRequestId()));
                if (!r.issuingUnit().equals(m.getIssuingUnit())) {
                    throw new HubException(HttpStatus.FORBIDDEN, "verification-reply-wrong-unit", "Reply from another unit",
                            "reply " + m.getReplyId() + " comes from " + m.getIssuingUnit() + ", but request " + r.id()
                                    + " was sent to " + r.issuingUnit());
                }
                if (m.getAnsweredBy() == null || m.getAnsweredBy().isBlank() || m.getAnsweredBy().length() > 64) {
                    throw HubException.badRequest("verification-reply-answered-by", "answeredBy names the person who answered (1 to 64 characters)");
                }
                Answer answer = new Answer(m.getKind(), m.getContent() == null ? null : Map.copyOf(m.getContent()), m.getReason(),
                        m.getNewDeadline(), m.getSuggestedUnit());
                return service.apply(r, answer, new Actor(m.getAnsweredBy().strip(), m.getIssuingUnit(), Actor.Channel.JMS));
            } catch (HubException e) {
                st.rollbackToSavepoint(savepoint);
                String problem = Masking.maskIdentifiers(e.getMessage());
                jdbc.update("update verification_reply set accepted = false, problem = ? where reply_id = ?", problem, m.getReplyId());
                log.warn("verification reply {} for request {} refused: {}", m.getReplyId(), m.getRequestId(), problem);
                return null;
            }
        });
        service.afterCommit(applied);
    }
}
