package org.proofhub.hub.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Moves audit events from the intake table into the hash chain, oldest first, a batch per
 * transaction. One writer at a time across hub instances (a transaction-scoped advisory lock), so the
 * chain has one order; a crash leaves the batch in the intake table to be chained again.
 */
@Component
class AuditChainWriter implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AuditChainWriter.class);
    private static final int BATCH = 2_000;
    private static final long LINGER_MS = 100;

    private final DataSource dataSource;
    private volatile boolean running;
    private Thread thread;

    AuditChainWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Chains what is pending now; returns how many entries were added. */
    int chainPending() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
                    lock.setLong(1, AuditLog.CHAIN_LOCK);
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            c.rollback();
                            return 0;
                        }
                    }
                }
                long seq = 0;
                String prev = AuditLog.GENESIS;
                try (PreparedStatement head = c.prepareStatement("select seq, hash from audit_log order by seq desc limit 1");
                     ResultSet rs = head.executeQuery()) {
                    if (rs.next()) {
                        seq = rs.getLong(1);
                        prev = rs.getString(2);
                    }
                }
                List<Long> ids = new ArrayList<>();
                List<Long> seqs = new ArrayList<>();
                List<String> prevs = new ArrayList<>();
                List<String> hashes = new ArrayList<>();
                try (PreparedStatement pending = c.prepareStatement(
                        "select id, at, actor, unit_code, action, subject_hash, purpose, detail from audit_pending order by id limit ?")) {
                    pending.setInt(1, BATCH);
                    try (ResultSet rs = pending.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                            Instant at = rs.getTimestamp(2).toInstant();
                            seq++;
                            String hash = AuditLog.hash(seq, at, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                    rs.getString(7), rs.getString(8), prev);
                            seqs.add(seq);
                            prevs.add(prev);
                            hashes.add(hash);
                            prev = hash;
                        }
                    }
                }
                if (ids.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                // The rows move inside PostgreSQL: only their ids and chain fields go back, in one statement, instead of
                // every field of every row sent again as a batch of inserts (and a delete after it)
                try (PreparedStatement move = c.prepareStatement("""
                        with moved as (
                            delete from audit_pending where id = any(?)
                            returning id, at, actor, unit_code, action, subject_hash, purpose, detail)
                        insert into audit_log (seq, at, actor, unit_code, action, subject_hash, purpose, detail, prev_hash, hash)
                        select u.seq, m.at, m.actor, m.unit_code, m.action, m.subject_hash, m.purpose, m.detail, u.prev, u.hash
                        from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) as u (id, seq, prev, hash)
                        join moved m on m.id = u.id""")) {
                    Long[] idArray = ids.toArray(Long[]::new);
                    move.setArray(1, c.createArrayOf("bigint", idArray));
                    move.setArray(2, c.createArrayOf("bigint", idArray));
                    move.setArray(3, c.createArrayOf("bigint", seqs.toArray(Long[]::new)));
                    move.setArray(4, c.createArrayOf("text", prevs.toArray(String[]::new)));
                    move.setArray(5, c.createArrayOf("text", hashes.toArray(String[]::new)));
                    int moved = move.executeUpdate();
                    if (moved != ids.size()) {
                        // read under the chain's lock, so nobody else moved them: a row that vanished is a fault, not a race
                        throw new IllegalStateException("chained " + moved + " of " + ids.size() + " pending audit entries");
                    }
                }
                c.commit();
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                try {
                    if (chainPending() < BATCH) {
                        // caught up: let the intake gather a while, so that a busy hub chains a few large batches a
                        // second instead of seventy of thirty entries (each with its lock, head read and commit)
                        Thread.sleep(LINGER_MS);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (SQLException | RuntimeException e) {
                    log.warn("audit chain writer: {}; retrying", e.getMessage());
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }, "audit-chain");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
