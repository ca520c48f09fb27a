package org.proofhub.hub.ingest.internal;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.proofhub.hub.platform.BrokerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Moves outbox rows to Artemis: reads a batch (skipping rows another hub instance holds), sends it in
 * one broker transaction, then deletes the rows. A crash between the two commits sends a batch twice:
 * Artemis knows the repeats by their duplicate-detection id ({@code _AMQ_DUPL_ID} = change id) and refuses
 * a transaction holding one, so such a batch goes again message by message and the repeats are dropped. A row
 * whose {@code relay_after} lies ahead is left alone: another sender (the verification hand-over) has it.
 */
public final class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final ConnectionFactory connectionFactory;
    private final int batchSize;
    private final Duration idle;
    private final BrokerState broker;
    private volatile boolean running;
    private Thread thread;
    private Connection jms;
    private Session session;
    private MessageProducer producer;
    private final Map<String, Destination> destinations = new HashMap<>();

    public OutboxRelay(DataSource dataSource, ConnectionFactory connectionFactory, int batchSize, Duration idle, BrokerState broker) {
        this.broker = broker;
        this.dataSource = dataSource;
        this.connectionFactory = connectionFactory;
        this.batchSize = batchSize;
        this.idle = idle;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeJms();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before the broker and the pool go (they stop later, at bean destruction)
        return Integer.MAX_VALUE - 100;
    }

    private void loop() {
        long backoff = 100;
        while (running) {
            try {
                int sent = relayOnce();
                backoff = 100;
                if (sent == 0) {
                    Thread.sleep(idle.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | JMSException | RuntimeException e) {
                log.warn("outbox relay: {}; retrying in {} ms", e.getMessage(), backoff);
                closeJms();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private record Row(long id, String address, boolean multicast, byte[] body, String properties) {
    }

    /** Sends one batch; returns how many messages went out. */
    int relayOnce() throws SQLException, JMSException {
        if (broker.refusing()) {
            // a send would wait, holding the rows' locks, until the broker's disk has room again: the rows wait in the outbox
            return 0;
        }
        try (java.sql.Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, address, multicast, body, properties::text from outbox where relay_after <= now() order by id limit ? for update skip locked")) {
                ps.setInt(1, batchSize);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBytes(4), rs.getString(5)));
                    }
                }
            }
            if (rows.isEmpty()) {
                c.rollback();
                return 0;
            }
            ensureJms();
            if (!sentInOneTransaction(rows)) {
                // the broker had one of them already (sent before a crash, or by the verification hand-over), and it
                // refuses a transaction with a duplicate as a whole: send them one by one, the duplicates go
                int duplicates = 0;
                for (Row row : rows) {
                    duplicates += sentInOneTransaction(List.of(row)) ? 0 : 1;
                }
                log.info("outbox relay: {} of {} messages were in the broker already (duplicate-detection id), the others sent now",
                        duplicates, rows.size());
            }
            try (PreparedStatement del = c.prepareStatement("delete from outbox where id = any(?)")) {
                Array arr = c.createArrayOf("bigint", rows.stream().map(Row::id).toArray());
                del.setArray(1, arr);
                del.executeUpdate();
            }
            c.commit();
            return rows.size();
        }
    }

    /** Sends {@code rows} in one broker transaction; false if the broker refused it for a duplicate-detection id it knows. */
    private boolean sentInOneTransaction(List<Row> rows) throws JMSException {
        try {
            for (Row row : rows) {
                send(row.address(), row.multicast(), row.body(), row.properties(), row.id());
            }
            session.commit();
            return true;
        } catch (JMSException e) {
            if (!isDuplicate(e)) {
                throw e;
            }
            rollbackQuietly();
            return false;
        }
    }

    private void rollbackQuietly() {
        try {
            session.rollback();
        } catch (JMSException e) {
            log.debug("rolling back the relay's broker transaction: {}", e.getMessage());
        }
    }

    /** Artemis's answer to a message whose duplicate-detection id it has seen: the whole transaction is refused. */
    static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException
                    || (t.getMessage() != null && t.getMessage().contains("Duplicate message detected"))) {
                return true;
            }
            if (t instanceof JMSException jms && jms.getLinkedException() != null && jms.getLinkedException() != t
                    && isDuplicate(jms.getLinkedException())) {
                return true;
            }
        }
        return false;
    }

    private void send(String address, boolean multicast, byte[] body, String properties, long id) throws JMSException {
        Destination d = destinations.computeIfAbsent((multicast ? "t:" : "q:") + address, k -> {
            try {
                return multicast ? session.createTopic(address) : session.createQueue(address);
            } catch (JMSException e) {
                throw new IllegalStateException("cannot name Artemis address " + address, e);
            }
        });
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(body);
        String dupId = "outbox-" + id;
        try {
            JsonNode props = JSON.readTree(properties);
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.setStringProperty(e.getKey(), e.getValue().asText());
            }
            if (props.hasNonNull("changeId")) {
                dupId = props.get("changeId").asText();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("outbox row " + id + " has unreadable properties", e);
        }
        m.setStringProperty("_AMQ_DUPL_ID", dupId);
        producer.send(d, m);
    }

    private void ensureJms() throws JMSException {
        if (session == null) {
            jms = connectionFactory.createConnection();
            session = jms.createSession(true, Session.SESSION_TRANSACTED);
            producer = session.createProducer(null);
            jms.start();
            destinations.clear();
        }
    }

    private void closeJms() {
        try {
            if (jms != null) {
                jms.close();
            }
        } catch (JMSException e) {
            log.debug("closing the relay's broker connection: {}", e.getMessage());
        }
        jms = null;
        session = null;
        producer = null;
    }
}
