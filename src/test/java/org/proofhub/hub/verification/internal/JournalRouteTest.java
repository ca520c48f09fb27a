package org.proofhub.hub.verification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.support.RunDirectories;

/**
 * A message put straight into the embedded broker's journal reaches a JMS consumer as the bytes message a JMS producer
 * would have sent (body, properties, a message id, persistent), a second one with the same duplicate-detection id is
 * dropped as the broker drops the relay's copies, an address without a queue is left to the JMS send, and the message is
 * still there after the broker restarts.
 */
class JournalRouteTest {
    static final String QUEUE = "hub.verification.unit.TEST.requests";

    final Path data = RunDirectories.next("journal-route");
    EmbeddedActiveMQ broker;
    ActiveMQConnectionFactory jms;

    @BeforeEach
    void start() throws Exception {
        Configuration c = new ConfigurationImpl().setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(data.resolve("journal").toString()).setBindingsDirectory(data.resolve("bindings").toString())
                .setPagingDirectory(data.resolve("paging").toString()).setLargeMessagesDirectory(data.resolve("large").toString());
        c.addAcceptorConfiguration("in-vm", "vm://7");
        broker = new EmbeddedActiveMQ().setConfiguration(c);
        broker.start();
        jms = new ActiveMQConnectionFactory("vm://7");
    }

    @AfterEach
    void stop() throws Exception {
        jms.close();
        broker.stop();
    }

    static OutboxMessage request(String requestId) {
        return new OutboxMessage(QUEUE, ("request " + requestId).getBytes(StandardCharsets.UTF_8),
                Map.of("messageType", "request", "unit", "TEST", "requestId", requestId, "changeId", "verification/request/" + requestId));
    }

    @Test
    void aRoutedMessageIsTheOneAJmsProducerSendsAndIsDurable() throws Exception {
        JournalRoute route = new JournalRoute(broker.getActiveMQServer(), 10_000);
        try (Connection c = jms.createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            c.start();

            assertThat(route.route(request("R1"))).isEqualTo(JournalRoute.Outcome.STORED);
            BytesMessage received = (BytesMessage) consumer.receive(10_000);
            assertThat(received).isNotNull();
            byte[] body = new byte[(int) received.getBodyLength()];
            received.readBytes(body);
            assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("request R1");
            assertThat(received.getStringProperty("requestId")).isEqualTo("R1");
            assertThat(received.getStringProperty("unit")).isEqualTo("TEST");
            assertThat(received.getJMSMessageID()).startsWith("ID:");
            assertThat(received.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);

            assertThat(route.route(request("R1"))).as("a copy with the same duplicate-detection id").isEqualTo(JournalRoute.Outcome.STORED);
            assertThat(consumer.receive(500)).as("the broker drops the copy").isNull();
            consumer.close();

            assertThat(route.route(new OutboxMessage("hub.verification.unit.NOBODY.requests", new byte[]{1}, Map.of("changeId", "x"))))
                    .isEqualTo(JournalRoute.Outcome.NO_QUEUE);

            // nobody reads this one before the broker restarts
            assertThat(route.route(request("R2"))).isEqualTo(JournalRoute.Outcome.STORED);
        }

        broker.stop();
        broker.start();
        try (Connection c = jms.createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            c.start();
            BytesMessage kept = (BytesMessage) consumer.receive(10_000);
            assertThat(kept).as("the journal kept it").isNotNull();
            assertThat(kept.getStringProperty("requestId")).isEqualTo("R2");
        }
    }
}
