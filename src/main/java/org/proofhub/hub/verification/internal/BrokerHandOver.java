package org.proofhub.hub.verification.internal;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.proofhub.hub.platform.BrokerState;
import org.proofhub.hub.verification.Submitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * Hands an accepted request to Artemis before the accepting call returns, so that a request is in PostgreSQL
 * and in the broker's journal when the agent sees "accepted". The acceptance has committed the request with its
 * outbox row, which the relay leaves alone for {@link #RELAY_AFTER}; the hand-over sends the message it already
 * has in memory as a durable message (the send returns when the broker's journal has it), then queues the row
 * for deletion, which a background writer does in batches. If the send fails, the row is made the relay's at
 * once; if the hub stops before the deletion, the relay sends the row again later and the broker drops the
 * copy by its duplicate-detection id. Either way the request is durable and arrives once.
 *
 * <p>Until 2026-11 the hand-over deleted the row and sent in one transaction per request: with its begin,
 * delete and commit, that was a fifth of an acceptance's database work. The deletions run on connections of
 * their own that commit without waiting for the WAL flush: a deletion lost in a crash only makes the relay
 * send a copy that the broker drops.
 */
final class BrokerHandOver implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(BrokerHandOver.class);
    /** How long the relay leaves a handed-over row alone: far longer than a send and a batch deletion take. */
    static final Duration RELAY_AFTER = Duration.ofSeconds(10);
    private static final int DELETE_BATCH = 1_000;
    private static final Duration GATHER = Duration.ofMillis(10);

    private final JdbcTemplate jdbc;
    private final ConnectionFactory connectionFactory;
    private final int maxSessions;
    private final BlockingQueue<Channel> idle;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger generation = new AtomicInteger();
    private final BlockingQueue<Long> sent = new LinkedBlockingQueue<>();
    private Connection connection;
    private volatile boolean running;
    private Thread deleter;
    /** The thread that opens {@link #connection}, while one does; guarded by this. */
    private Thread connector;

    private final HikariDataSource ownPool;
    private final BrokerState broker;
    /** As long as a durable send may wait for the journal before the request is left to the relay (the client's call timeout). */
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
    /** Empty with an external broker; null until the first hand-over looks. */
    private volatile java.util.Optional<JournalRoute> journalRoute;

    BrokerHandOver(DataSource dataSource, ConnectionFactory connectionFactory, int maxSessions, BrokerState broker) {
        this.broker = broker;
        this.ownPool = dataSource instanceof HikariDataSource hikari ? asyncCommitPool(hikari) : null;
        this.jdbc = new JdbcTemplate(ownPool == null ? dataSource : ownPool);
        // a connection of our own: Spring's caching factory keeps one session per acknowledge mode, we need several
        this.connectionFactory = connectionFactory instanceof SingleConnectionFactory single && single.getTargetConnectionFactory() != null
                ? single.getTargetConnectionFactory() : connectionFactory;
        this.maxSessions = maxSessions;
        this.idle = new ArrayBlockingQueue<>(maxSessions);
    }

    private record Channel(int generation, Session session, MessageProducer producer, Map<String, Queue> queues) {
    }

    Submitted.Dispatch handOver(long outboxId, OutboxMessage message) {
        if (!running) {
            relayNow(outboxId);
            return Submitted.Dispatch.QUEUED;
        }
        if (broker.refusing()) {
            // a send would wait until the broker's disk has room again, with the agent waiting for it: the relay sends the
            // committed row once the broker takes messages again
            return Submitted.Dispatch.QUEUED;
        }
        try {
            java.util.Optional<JournalRoute> direct = journalRoute();
            if (direct.isEmpty() || direct.get().route(message) == JournalRoute.Outcome.NO_QUEUE) {
                send(message);
            }
        } catch (Exception e) {
            log.debug("outbox row {} left to the relay: {}", outboxId, e.getMessage());
            relayNow(outboxId);
            return Submitted.Dispatch.QUEUED;
        }
        sent.add(outboxId);
        return Submitted.Dispatch.SENT;
    }

    /** The broker did not take the message: the relay need not wait for it. */
    private void relayNow(long outboxId) {
        try {
            jdbc.update("update outbox set relay_after = now() where id = ?", outboxId);
        } catch (RuntimeException e) {
            log.debug("outbox row {} goes to the relay after {}: {}", outboxId, RELAY_AFTER, e.getMessage());
        }
    }

    /** The embedded broker's queues, reached without a JMS client; empty with an external broker. */
    private java.util.Optional<JournalRoute> journalRoute() {
        java.util.Optional<JournalRoute> route = journalRoute;
        if (route == null) {
            route = broker.embeddedServer().map(server -> new JournalRoute(server, SYNC_TIMEOUT.toMillis()));
            journalRoute = route;
        }
        return route;
    }

    private void send(OutboxMessage message) {
        Channel ch = borrow();
        boolean broken = true;
        try {
            Queue queue = ch.queues().get(message.address());
            if (queue == null) {
                queue = ch.session().createQueue(message.address());
                ch.queues().put(message.address(), queue);
            }
            BytesMessage m = ch.session().createBytesMessage();
            m.writeBytes(message.body());
            for (Map.Entry<String, String> p : message.properties().entrySet()) {
                m.setStringProperty(p.getKey(), p.getValue());
            }
            m.setStringProperty("_AMQ_DUPL_ID", message.messageId());
            ch.producer().send(queue, m, DeliveryMode.PERSISTENT, jakarta.jms.Message.DEFAULT_PRIORITY, 0);
            broken = false;
        } catch (JMSException e) {
            throw new BrokerUnavailableException("Artemis refused the message for " + message.address() + ": " + e.getMessage(), e);
        } finally {
            release(ch, broken);
        }
    }

    /** Deletes the rows of sent messages, up to a batch at a time, until stopped; then once more. */
    private void deleteSent() {
        List<Long> batch = new ArrayList<>();
        while (running || !sent.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Long first = sent.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    // waiting a little makes one deletion of many rows out of many deletions of one or two
                    Thread.sleep(GATHER.toMillis());
                }
                sent.drainTo(batch, DELETE_BATCH - batch.size());
                jdbc.update("delete from outbox where id = any(?)", (Object) batch.toArray(Long[]::new));
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // kept for the next round; if the hub stops first, the relay sends them again and the broker drops the copies
                log.warn("deleting {} handed-over outbox rows: {}", batch.size(), e.getMessage());
                if (!running) {
                    return;
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Channel borrow() {
        Channel ch = idle.poll();
        if (ch != null) {
            return ch;
        }
        if (open.incrementAndGet() <= maxSessions) {
            try {
                return openChannel();
            } catch (BrokerUnavailableException e) {
                open.decrementAndGet();
                throw e;
            } catch (JMSException e) {
                open.decrementAndGet();
                reset();
                throw new BrokerUnavailableException("cannot open an Artemis session: " + e.getMessage(), e);
            }
        }
        open.decrementAndGet();
        try {
            ch = idle.poll(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ch == null) {
            throw new BrokerUnavailableException("all " + maxSessions + " Artemis sessions are busy", null);
        }
        return ch;
    }

    private synchronized Channel openChannel() throws JMSException {
        if (connection == null) {
            // opening a connection to a broker that is away waits for the client's connection retries, seconds with
            // the agent waiting: it is opened in the background, and until then the relay sends
            connectInBackground();
            throw new BrokerUnavailableException("not connected to Artemis yet", null);
        }
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        return new Channel(generation.get(), session, session.createProducer(null), new HashMap<>());
    }

    private void release(Channel ch, boolean broken) {
        if (ch.generation() != generation.get()) {
            // its connection was closed by a reset, which also forgot it in the count
            return;
        }
        if (broken) {
            reset();
            return;
        }
        idle.offer(ch);
    }

    /** Starts opening the connection unless it is open or being opened. */
    private synchronized void connectInBackground() {
        if (!running || connection != null || connector != null) {
            return;
        }
        connector = new Thread(this::connect, "verification-hand-over-connect");
        connector.setDaemon(true);
        connector.start();
    }

    /** Tries to connect until it has a connection or the hand-over stops, waiting longer between tries up to 5 s. */
    private void connect() {
        long pause = 100;
        try {
            while (running) {
                Connection c = null;
                try {
                    c = connectionFactory.createConnection();
                    Connection opened = c;
                    // the broker went away: forget the connection, so that requests go to the relay at once, and reconnect
                    c.setExceptionListener(e -> connectionFailed(opened, e));
                    c.start();
                    synchronized (this) {
                        if (running) {
                            connection = c;
                            c = null;
                            return;
                        }
                    }
                } catch (JMSException | RuntimeException e) {
                    log.debug("connecting the hand-over to Artemis (next try in {} ms): {}", pause, e.getMessage());
                } finally {
                    if (c != null) {
                        close(c);
                    }
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                connector = null;
            }
        }
    }

    private synchronized void connectionFailed(Connection failed, JMSException e) {
        if (connection == failed) {
            log.debug("the hand-over's Artemis connection failed: {}", e.getMessage());
            reset();
            connectInBackground();
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (JMSException e) {
            log.debug("closing the hand-over connection: {}", e.getMessage());
        }
    }

    /** After a broker failure every session of the old connection is useless: start over. */
    private synchronized void reset() {
        generation.incrementAndGet();
        idle.clear();
        open.set(0);
        if (connection != null) {
            close(connection);
            connection = null;
        }
    }

    private static HikariDataSource asyncCommitPool(HikariDataSource main) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("verification-hand-over");
        config.setJdbcUrl(main.getJdbcUrl());
        config.setUsername(main.getUsername());
        config.setPassword(main.getPassword());
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(main.getDataSourceProperties());
        properties.put("options", "-c synchronous_commit=off");
        config.setDataSourceProperties(properties);
        // the deleter, and a failed send's "relay now"
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    /** The broker could not take the message now; the outbox relay will deliver it. */
    static final class BrokerUnavailableException extends IllegalStateException {
        BrokerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void start() {
        running = true;
        deleter = new Thread(this::deleteSent, "verification-hand-over-deleter");
        deleter.setDaemon(true);
        deleter.start();
        connectInBackground();
    }

    @Override
    public void stop() {
        running = false;
        synchronized (this) {
            if (connector != null) {
                connector.interrupt();
            }
        }
        if (deleter != null) {
            try {
                deleter.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reset();
        if (ownPool != null) {
            ownPool.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
