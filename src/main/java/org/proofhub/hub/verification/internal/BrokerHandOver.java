package org.proofhub.hub.verification.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.proofhub.hub.verification.Submitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands an accepted request's outbox row to Artemis before the accepting call returns, so that a request
 * is in PostgreSQL and in the broker's journal when the agent sees "accepted". One transaction deletes the
 * row (which locks it against the outbox relay), sends it as a durable message and commits; if the send
 * fails, the rollback puts the row back for the relay; if the relay took the row first, the hand-over waits
 * for the relay's lock (at most the pool's lock timeout) and then finds the row gone, which the relay does
 * only after the broker committed the message.
 * The request is durable either way, and the broker drops a second copy by its duplicate-detection id.
 *
 * <p>These transactions run on connections of their own that commit without waiting for the WAL flush: a
 * deletion lost in a crash only makes the relay send a copy that the broker drops, and waiting would add
 * a disk flush to every acceptance. (Handing several acceptances over in one broker transaction was
 * measured too: the queue in front of it let the relay take one row in ten, and it cost more than it saved.)
 */
final class BrokerHandOver implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(BrokerHandOver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ConnectionFactory connectionFactory;
    private final int maxSessions;
    private final BlockingQueue<Channel> idle;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger generation = new AtomicInteger();
    private Connection connection;
    private volatile boolean running;

    private final HikariDataSource ownPool;

    BrokerHandOver(DataSource dataSource, ConnectionFactory connectionFactory, int maxSessions) {
        this.ownPool = dataSource instanceof HikariDataSource hikari ? asyncCommitPool(hikari, maxSessions) : null;
        DataSource ds = ownPool == null ? dataSource : ownPool;
        this.jdbc = new JdbcTemplate(ds);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        // a connection of our own: Spring's caching factory keeps one session per acknowledge mode, we need several
        this.connectionFactory = connectionFactory instanceof SingleConnectionFactory single && single.getTargetConnectionFactory() != null
                ? single.getTargetConnectionFactory() : connectionFactory;
        this.maxSessions = maxSessions;
        this.idle = new ArrayBlockingQueue<>(maxSessions);
    }

    private record Channel(int generation, Session session, MessageProducer producer, Map<String, Queue> queues) {
    }

    private record Row(String address, byte[] body, String properties) {
    }

    Submitted.Dispatch handOver(long outboxId) {
        if (!running) {
            return Submitted.Dispatch.QUEUED;
        }
        try {
            Boolean sent = tx.execute(st -> {
                List<Row> rows = jdbc.query("""
                        delete from outbox where id = (select id from outbox where id = ? for update)
                        returning address, body, properties::text""",
                        (rs, i) -> new Row(rs.getString(1), rs.getBytes(2), rs.getString(3)), outboxId);
                if (rows.isEmpty()) {
                    // the relay took the row first: we waited for its lock, and it deletes a row only after the
                    // broker has committed the message, so the request is in Artemis now
                    return true;
                }
                send(rows.get(0));
                return true;
            });
            return Boolean.TRUE.equals(sent) ? Submitted.Dispatch.SENT : Submitted.Dispatch.QUEUED;
        } catch (RuntimeException e) {
            log.debug("outbox row {} left to the relay: {}", outboxId, e.getMessage());
            return Submitted.Dispatch.QUEUED;
        }
    }

    private void send(Row row) {
        Channel ch = borrow();
        boolean broken = true;
        try {
            Queue queue = ch.queues().get(row.address());
            if (queue == null) {
                queue = ch.session().createQueue(row.address());
                ch.queues().put(row.address(), queue);
            }
            BytesMessage m = ch.session().createBytesMessage();
            m.writeBytes(row.body());
            Map<String, String> properties = JSON.readValue(row.properties(), JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
            for (Map.Entry<String, String> p : properties.entrySet()) {
                m.setStringProperty(p.getKey(), p.getValue());
            }
            m.setStringProperty("_AMQ_DUPL_ID", properties.get("changeId"));
            ch.producer().send(queue, m, DeliveryMode.PERSISTENT, jakarta.jms.Message.DEFAULT_PRIORITY, 0);
            broken = false;
        } catch (JMSException e) {
            throw new BrokerUnavailableException("Artemis refused the message for " + row.address() + ": " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            broken = false;
            throw new IllegalStateException("outbox properties are not a JSON object of strings", e);
        } finally {
            release(ch, broken);
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
            connection = connectionFactory.createConnection();
            connection.start();
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

    /** After a broker failure every session of the old connection is useless: start over. */
    private synchronized void reset() {
        generation.incrementAndGet();
        idle.clear();
        open.set(0);
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                log.debug("closing the hand-over connection: {}", e.getMessage());
            }
            connection = null;
        }
    }

    private static HikariDataSource asyncCommitPool(HikariDataSource main, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("verification-hand-over");
        config.setJdbcUrl(main.getJdbcUrl());
        config.setUsername(main.getUsername());
        config.setPassword(main.getPassword());
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(main.getDataSourceProperties());
        // one statement on a primary key: a cached generic plan serves it (the hub's pool forces custom plans)
        // a row the relay is sending is waited for, but never longer than a short lock timeout
        properties.put("options", "-c synchronous_commit=off -c plan_cache_mode=auto -c lock_timeout=2s");
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(size);
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
    }

    @Override
    public void stop() {
        running = false;
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
