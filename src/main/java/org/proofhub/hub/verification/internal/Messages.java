package org.proofhub.hub.verification.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.proofhub.hub.verification.IdScan;
import org.proofhub.hub.verification.NoticeType;
import org.proofhub.hub.verification.VerificationAddresses;
import org.proofhub.hub.verification.VerificationNoticeMessage;
import org.proofhub.hub.verification.VerificationReplyMessage;
import org.proofhub.hub.verification.VerificationRequestMessage;
import org.proofhub.hub.verification.VerificationSubmission;

/**
 * Builds the Avro messages of the verification contract (single-object encoding) and the outbox rows that
 * carry them straight to the unit's queue. (An intermediate dispatch queue with a routing step was measured
 * to double the CPU cost of an acceptance: each hop is another journal write, delivery and acknowledgement.)
 */
final class Messages {
    static final String REQUEST = VerificationAddresses.REQUEST;
    static final String ANSWER = "answer";
    static final String ALERT = "alert";

    private Messages() {
    }

    static OutboxMessage request(RequestRow r, VerificationSubmission.IdScan scan, Instant sentAt) {
        VerificationRequestMessage m = VerificationRequestMessage.newBuilder()
                .setMessageId("request/" + r.id())
                .setRequestId(r.id())
                .setSentAt(sentAt)
                .setRequestingUnit(r.requestingUnit())
                .setRequestingAgent(r.requestingAgent())
                .setIssuingUnit(r.issuingUnit())
                .setAssignedAgent(r.assignedAgent())
                .setServiceItemCode(r.serviceItemCode())
                .setApplicationId(r.applicationId())
                .setItemKind(r.itemKind())
                .setItemPromisedLimitMinutes(r.itemPromisedLimit() == null ? null : r.itemPromisedLimit().toMinutes())
                .setDataBacked(r.dataBacked())
                .setProofType(r.proofType())
                .setSubjectType(r.subjectType())
                .setSubjectId(r.subjectId())
                .setSubjectName(r.subjectName())
                .setQueryLetter(r.queryLetter())
                .setIdScan(scan == null ? null : new IdScan(scan.contentType(), ByteBuffer.wrap(scan.content())))
                .setReceivedAt(r.receivedAt())
                .setDeadline(r.deadline())
                .setReturnUntil(r.returnUntil())
                .setReplyTo(VerificationAddresses.REPLIES)
                .setReaddressedFrom(r.readdressedFrom())
                .build();
        return row(REQUEST, r.issuingUnit(), r.id(), m.getMessageId(), encode(VerificationRequestMessage.getEncoder(), m));
    }

    /** News for the requesting unit: an answer, the sealed proof, a data link. */
    static OutboxMessage answer(NoticeType type, RequestRow r, Instant at, String actor, Consumer<VerificationNoticeMessage.Builder> details) {
        VerificationNoticeMessage m = notice(type, r, at, actor, details);
        return row(ANSWER, r.requestingUnit(), r.id(), m.getNoticeId(), encode(VerificationNoticeMessage.getEncoder(), m));
    }

    /** An alert for the issuing unit's supervisor. */
    static OutboxMessage alert(NoticeType type, RequestRow r, String issuingUnit, Instant at, String supervisor,
                               Consumer<VerificationNoticeMessage.Builder> details) {
        VerificationNoticeMessage m;
        if (r == null) {
            m = VerificationNoticeMessage.newBuilder().setNoticeId(UUID.randomUUID().toString()).setType(type).setAt(at)
                    .setActor("hub").setIssuingUnit(issuingUnit).setSupervisor(supervisor).build();
        } else {
            m = notice(type, r, at, "hub", b -> {
                b.setSupervisor(supervisor);
                details.accept(b);
            });
        }
        return row(ALERT, issuingUnit, r == null ? null : r.id(), m.getNoticeId(), encode(VerificationNoticeMessage.getEncoder(), m));
    }

    /** A supervisor's alert about a post-check of a commitment: ESCALATED (with the window's end) or BREACHED. */
    static OutboxMessage postCheckAlert(NoticeType type, String postCheckId, String unit, Instant at, String supervisor, Instant respondBy) {
        VerificationNoticeMessage m = VerificationNoticeMessage.newBuilder().setNoticeId(UUID.randomUUID().toString()).setType(type).setAt(at)
                .setActor("hub").setIssuingUnit(unit).setSupervisor(supervisor).setPostCheckId(postCheckId).setRespondBy(respondBy).build();
        return row(ALERT, unit, null, m.getNoticeId(), encode(VerificationNoticeMessage.getEncoder(), m));
    }

    private static VerificationNoticeMessage notice(NoticeType type, RequestRow r, Instant at, String actor,
                                                    Consumer<VerificationNoticeMessage.Builder> details) {
        VerificationNoticeMessage.Builder b = VerificationNoticeMessage.newBuilder()
                .setNoticeId(UUID.randomUUID().toString())
                .setRequestId(r.id())
                .setType(type)
                .setAt(at)
                .setActor(actor)
                .setRequestingUnit(r.requestingUnit())
                .setIssuingUnit(r.issuingUnit())
                .setServiceItemCode(r.serviceItemCode())
                .setApplicationId(r.applicationId())
                .setProofType(r.proofType())
                .setAssignedAgent(r.assignedAgent())
                .setReceivedAt(r.receivedAt())
                .setDeadline(r.deadline())
                .setDiscrepantFields(List.of());
        details.accept(b);
        return b.build();
    }

    private static OutboxMessage row(String type, String unit, String requestId, String messageId, byte[] body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(VerificationAddresses.MESSAGE_TYPE, type);
        p.put("unit", VerificationAddresses.checked(unit));
        if (requestId != null) {
            p.put("requestId", requestId);
        }
        p.put("changeId", "verification/" + messageId);
        String address = switch (type) {
            case REQUEST -> VerificationAddresses.requests(unit);
            case ANSWER -> VerificationAddresses.answers(unit);
            default -> VerificationAddresses.supervisor(unit);
        };
        return new OutboxMessage(address, body, p);
    }

    static VerificationReplyMessage decodeReply(byte[] body) {
        return decode(VerificationReplyMessage.getDecoder(), body, "VerificationReplyMessage");
    }

    private static <T> T decode(BinaryMessageDecoder<T> decoder, byte[] body, String what) {
        try {
            return decoder.decode(body);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a " + what + " (Avro single-object encoding): " + e.getMessage(), e);
        }
    }

    private static <T> byte[] encode(BinaryMessageEncoder<T> encoder, T message) {
        try {
            ByteBuffer buf = encoder.encode(message);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Avro encoding of " + message.getClass().getSimpleName() + " failed", e);
        }
    }
}
