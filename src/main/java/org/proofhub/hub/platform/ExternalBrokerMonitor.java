package org.proofhub.hub.platform;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.time.Duration;
import java.util.Objects;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * Asks an external broker, through its management address, how full its disk is and where it stops taking messages
 * ({@code DiskStoreUsage}, {@code MaxDiskUsage}), once at start and then every {@code hub.broker.disk-scan-period}, and
 * tells {@link BrokerState}. A full external broker makes senders wait as long as its disk stays full; knowing it, the
 * hub accepts requests into its outbox instead, its relay pauses, health says why and an alert fires, as with the
 * embedded broker. The hub's broker user needs the {@code manage} permission on the management address; without it,
 * or while the broker does not answer, the state is unknown and the hub sends as before. Does nothing when the broker
 * is embedded.
 */
public final class ExternalBrokerMonitor implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ExternalBrokerMonitor.class);
    /** Before the hub's senders start (relay, hand-over, listeners): they should know from their first message. */
    static final int PHASE = Integer.MIN_VALUE + 1_000;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    private final ConnectionFactory connectionFactory;
    private final BrokerState state;
    private final Duration period;
    private final String managementAddress;
    private final String url;
    private volatile boolean running;
    private Thread thread;
    private Connection connection;
    private Session session;
    private TemporaryQueue replies;
    private MessageProducer questions;
    private MessageConsumer answers;
    private String lastProblem;

    public ExternalBrokerMonitor(ConnectionFactory connectionFactory, BrokerState state, Duration period, String managementAddress, String url) {
        // a connection of its own: the cached shared one belongs to the senders
        this.connectionFactory = connectionFactory instanceof SingleConnectionFactory single && single.getTargetConnectionFactory() != null
                ? single.getTargetConnectionFactory() : connectionFactory;
        this.state = state;
        this.period = period;
        this.managementAddress = managementAddress;
        this.url = url;
    }

    @Override
    public void start() {
        if (state.embedded()) {
            return;
        }
        running = true;
        ask();
        thread = new Thread(this::run, "broker-disk-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(period.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                ask();
            }
        }
    }

    /** One reading: the broker's answer into {@link BrokerState}, or unknown when there is none. */
    synchronized void ask() {
        try {
            if (connection == null) {
                open();
            }
            double usage = ((Number) attribute("diskStoreUsage")).doubleValue();
            int max = ((Number) attribute("maxDiskUsage")).intValue();
            state.external(new BrokerState.ExternalReading(usage, max, url));
            report(null);
        } catch (JMSException | RuntimeException e) {
            state.external(null);
            // a fresh connection next time: no late answer to this question can be taken for the next one's
            closeConnection();
            if (!running) {
                return; // stopping: the interrupted reading is no news
            }
            report(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** One connection, session and reply queue for all questions: a temporary queue per question would be a broker log line each. */
    private void open() throws JMSException {
        connection = connectionFactory.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        replies = session.createTemporaryQueue();
        questions = session.createProducer(session.createQueue(managementAddress));
        questions.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        answers = session.createConsumer(replies);
        connection.start();
    }

    private Object attribute(String name) throws JMSException {
        Message request = session.createMessage();
        JMSManagementHelper.putAttribute(request, ResourceNames.BROKER, name);
        request.setJMSReplyTo(replies);
        questions.send(request);
        Message answer = answers.receive(ANSWER_WITHIN.toMillis());
        if (answer == null) {
            throw new IllegalStateException("no answer from " + managementAddress + " within " + ANSWER_WITHIN.toSeconds() + " s");
        }
        try {
            Object result = JMSManagementHelper.getResult(answer);
            if (!JMSManagementHelper.hasOperationSucceeded(answer) || !(result instanceof Number)) {
                throw new IllegalStateException("the broker refused to tell " + name + ": " + result
                        + " (the hub's broker user needs the manage permission on " + managementAddress + ")");
            }
            return result;
        } catch (JMSException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the broker's answer about " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Logs when the reason the state is unknown changes, not on every reading. */
    private void report(String problem) {
        if (!Objects.equals(problem, lastProblem)) {
            if (problem == null) {
                log.info("broker at {} answers about its disk through {}", url, managementAddress);
            } else {
                log.warn("broker at {} does not say how full its disk is ({}); until it does, the hub cannot tell whether it takes messages",
                        url, problem);
            }
            lastProblem = problem;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException ignored) {
                // a broken connection: nothing left to close
            }
            connection = null;
            session = null;
            replies = null;
            questions = null;
            answers = null;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(ANSWER_WITHIN.toMillis() * 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        synchronized (this) {
            closeConnection();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
