package org.proofhub.hub.verification;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * A department's own system on the hub's broker, as the Avro contract describes it: it takes requests from
 * its unit's queue and sends replies to {@code hub.verification.replies}. It can also listen to a unit's
 * answers or supervisor queue, as the requesting unit's system and the supervisor's client would.
 */
public final class Department implements AutoCloseable {
    private final String unit;
    private final Connection connection;
    private final Session session;
    private final MessageConsumer consumer;
    private final MessageProducer replies;
    private final String queue;
    /** Says where messages stand when one does not come (queue counts, outbox rows); set by tests that can look. */
    static volatile java.util.function.Function<String, String> diagnostics = q -> "";

    private Department(String unit, Connection connection, Session session, MessageConsumer consumer, MessageProducer replies, String queue) {
        this.unit = unit;
        this.queue = queue;
        this.connection = connection;
        this.session = session;
        this.consumer = consumer;
        this.replies = replies;
    }

    /** The issuing unit's system, taking requests. */
    public static Department requests(ConnectionFactory cf, String unit) throws JMSException {
        return open(cf, unit, VerificationAddresses.requests(unit));
    }

    /** The requesting unit's system, taking answers. */
    public static Department answers(ConnectionFactory cf, String unit) throws JMSException {
        return open(cf, unit, VerificationAddresses.answers(unit));
    }

    /** The supervisor's client, taking escalations and breaches. */
    public static Department supervisor(ConnectionFactory cf, String unit) throws JMSException {
        return open(cf, unit, VerificationAddresses.supervisor(unit));
    }

    private static Department open(ConnectionFactory cf, String unit, String queue) throws JMSException {
        // not through Spring's caching factory: it keeps closed consumers alive, and they would take messages meant for the next one
        ConnectionFactory direct = cf instanceof SingleConnectionFactory single && single.getTargetConnectionFactory() != null
                ? single.getTargetConnectionFactory() : cf;
        Connection c = direct.createConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
        MessageProducer producer = s.createProducer(s.createQueue(VerificationAddresses.REPLIES));
        c.start();
        return new Department(unit, c, s, consumer, producer, queue);
    }

    /**
     * The next request matching {@code wanted}; others are taken off the queue and skipped, and so are the other kinds of
     * message on a unit's request queue (post-check tasks and notices), told apart by their {@code messageType} property.
     */
    public VerificationRequestMessage awaitRequest(Predicate<VerificationRequestMessage> wanted, Duration timeout) throws JMSException {
        return await(VerificationAddresses.REQUEST, VerificationRequestMessage.getDecoder()::decode, wanted, timeout);
    }

    /** The next post-check task of a commitment matching {@code wanted} (on the unit's request queue). */
    public org.proofhub.hub.commitment.PostCheckTaskMessage awaitPostCheck(Predicate<org.proofhub.hub.commitment.PostCheckTaskMessage> wanted,
                                                                          Duration timeout) throws JMSException {
        return await(VerificationAddresses.POST_CHECK, org.proofhub.hub.commitment.PostCheckTaskMessage.getDecoder()::decode, wanted, timeout);
    }

    /** The next notice about a post-check matching {@code wanted} (on the unit's request queue). */
    public org.proofhub.hub.commitment.PostCheckNoticeMessage awaitPostCheckNotice(
            Predicate<org.proofhub.hub.commitment.PostCheckNoticeMessage> wanted, Duration timeout) throws JMSException {
        return await(VerificationAddresses.POST_CHECK_NOTICE, org.proofhub.hub.commitment.PostCheckNoticeMessage.getDecoder()::decode, wanted,
                timeout);
    }

    /** The {@code messageType} property of the last message an await returned. */
    public String lastMessageType() {
        return lastMessageType;
    }

    public VerificationRequestMessage awaitRequest(String requestId, Duration timeout) throws JMSException {
        return awaitRequest(m -> m.getRequestId().equals(requestId), timeout);
    }

    /** The next notice matching {@code wanted}. */
    public VerificationNoticeMessage awaitNotice(Predicate<VerificationNoticeMessage> wanted, Duration timeout) throws JMSException {
        return await(null, VerificationNoticeMessage.getDecoder()::decode, wanted, timeout);
    }

    /** The next {@code n} notices matching {@code wanted}, in the order they came. */
    public List<VerificationNoticeMessage> awaitNotices(Predicate<VerificationNoticeMessage> wanted, int n, Duration timeout) throws JMSException {
        List<VerificationNoticeMessage> got = new ArrayList<>();
        long end = System.nanoTime() + timeout.toNanos();
        while (got.size() < n) {
            got.add(awaitNotice(wanted, Duration.ofNanos(Math.max(1, end - System.nanoTime()))));
        }
        return got;
    }

    /** The next message within {@code timeout}, or null. */
    public byte[] poll(Duration timeout) throws JMSException {
        Message m = consumer.receive(timeout.toMillis());
        return m == null ? null : body(m);
    }

    /** The next verification request's body within {@code timeout} (other kinds of message skipped), or null. */
    public byte[] pollRequest(Duration timeout) throws JMSException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Message m = consumer.receive(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            if (m != null && VerificationAddresses.REQUEST.equals(m.getStringProperty(VerificationAddresses.MESSAGE_TYPE))) {
                return body(m);
            }
        }
        return null;
    }

    public void reply(VerificationReplyMessage reply) throws JMSException {
        BytesMessage m = session.createBytesMessage();
        try {
            ByteBuffer buf = VerificationReplyMessage.getEncoder().encode(reply);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            m.writeBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        replies.send(m);
    }

    /** A reply of this unit to {@code requestId}, with a fresh reply id. */
    public VerificationReplyMessage.Builder replyTo(String requestId, ReplyKind kind) {
        return VerificationReplyMessage.newBuilder().setReplyId("R-" + UUID.randomUUID()).setRequestId(requestId).setIssuingUnit(unit)
                .setAnsweredBy(unit.toLowerCase() + ".system-user").setAnsweredAt(Instant.now()).setKind(kind);
    }

    public void confirm(String requestId, Map<String, String> content) throws JMSException {
        reply(replyTo(requestId, ReplyKind.CONFIRMED).setContent(content).build());
    }

    private interface Decoder<T> {
        T decode(byte[] body) throws IOException;
    }

    private final List<String> skipped = new ArrayList<>();
    private volatile String lastMessageType;

    /** The next message of {@code messageType} (any if null) that {@code wanted}; a consumer dispatches on the property, as a department's would. */
    private <T> T await(String messageType, Decoder<T> decoder, Predicate<T> wanted, Duration timeout) throws JMSException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Message m = consumer.receive(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            if (m != null) {
                String type = m.getStringProperty(VerificationAddresses.MESSAGE_TYPE);
                if (messageType != null && !messageType.equals(type)) {
                    skipped.add("messageType " + type);
                    continue;
                }
                try {
                    T decoded = decoder.decode(body(m));
                    if (wanted.test(decoded)) {
                        lastMessageType = type;
                        return decoded;
                    }
                    skipped.add(String.valueOf(decoded).replaceAll(".*\"requestId\": \"([^\"]*)\".*\"type\": \"([A-Z_]*)\".*", "$1 $2"));
                } catch (IOException e) {
                    throw new AssertionError("a message on a verification queue does not follow the Avro contract", e);
                }
            }
        }
        throw new AssertionError("no matching message on " + queue + " within " + timeout + "; skipped " + skipped + "; " + diagnostics.apply(queue));
    }

    private static byte[] body(Message m) throws JMSException {
        BytesMessage b = (BytesMessage) m;
        byte[] body = new byte[(int) b.getBodyLength()];
        b.readBytes(body);
        return body;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
