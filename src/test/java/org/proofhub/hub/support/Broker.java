package org.proofhub.hub.support;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.function.Predicate;
import org.proofhub.hub.canonical.CanonicalAvro;
import org.proofhub.hub.canonical.CanonicalChange;

/** A subscriber on a hub address, for tests: what a department's system would see. */
public final class Broker implements AutoCloseable {
    private final Connection connection;
    private final MessageConsumer consumer;

    private Broker(Connection connection, MessageConsumer consumer) {
        this.connection = connection;
        this.consumer = consumer;
    }

    public static Broker subscribe(ConnectionFactory cf, String address, boolean topic) throws JMSException {
        Connection c = cf.createConnection();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(topic ? s.createTopic(address) : s.createQueue(address));
        c.start();
        return new Broker(c, consumer);
    }

    /** Waits (up to {@code timeout}) for a canonical change matching {@code wanted}, skipping others. */
    public CanonicalChange awaitChange(Predicate<CanonicalChange> wanted, Duration timeout) throws JMSException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = consumer.receive(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (m instanceof BytesMessage b) {
                byte[] body = new byte[(int) b.getBodyLength()];
                b.readBytes(body);
                CanonicalChange change = CanonicalAvro.decodeChange(body);
                if (wanted.test(change)) {
                    return change;
                }
            }
        }
        throw new AssertionError("no matching canonical change within " + timeout);
    }

    /** Waits for the next message and returns it. */
    public Message await(Duration timeout) throws JMSException {
        Message m = consumer.receive(timeout.toMillis());
        if (m == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return m;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
