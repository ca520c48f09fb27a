package org.proofhub.hub.ingest.internal;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connector's ordered, batched path to the database. Submitting does not wait for the write;
 * {@link #awaitDrained} does, and the Debezium offset store calls it before it records an offset,
 * so an offset is never stored ahead of the canonical records it stands for.
 */
final class IngestLane implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestLane.class);

    private final String connectorId;
    private final CanonicalWriter writer;
    private final IngestMetrics metrics;
    private final int batchSize;
    private final BlockingQueue<Item> queue;
    private final Thread worker;
    private final AtomicLong submitted = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private volatile long committed;
    private volatile boolean running = true;
    private volatile String lastError;
    /** The source commit of the oldest fresh change in the batch being written, or null. */
    private volatile Instant writing;

    private record Item(long seq, Work work, CompletableFuture<Void> done) {
    }

    IngestLane(String connectorId, CanonicalWriter writer, IngestMetrics metrics, int batchSize, int capacity) {
        this.connectorId = connectorId;
        this.writer = writer;
        this.metrics = metrics;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.worker = new Thread(this::run, "ingest-" + connectorId);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Queues {@code work}; blocks while the lane is full (back-pressure on the source). */
    CompletableFuture<Void> submit(Work work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            synchronized (this) {
                // sequence numbers must enter the queue in order for the drain barrier to hold
                queue.put(new Item(submitted.incrementAndGet(), work, done));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Waits until everything submitted before this call is committed. */
    void awaitDrained(Duration timeout) throws TimeoutException, InterruptedException {
        long target = submitted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (committed < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("ingest lane " + connectorId + " did not commit " + (target - committed)
                            + " queued change(s) within " + timeout + (lastError == null ? "" : "; last error: " + lastError));
                }
                progress.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    int queued() {
        return queue.size();
    }

    /**
     * How far the canonical store is behind what this lane has received: the age of the oldest source change not yet
     * committed, 0 when everything received is written (an idle source is not behind). Replays of quarantined changes
     * do not count: their age is the quarantine's, not the pipeline's.
     */
    long lagMs(Instant now) {
        Instant oldest = writing;
        if (oldest == null) {
            for (Item i : queue) {
                oldest = sourceCommit(i.work());
                if (oldest != null) {
                    break;
                }
            }
        }
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toMillis());
    }

    private static Instant sourceCommit(Work w) {
        if (w instanceof Work.Apply a && a.quarantineId() == null) {
            return a.change().change().capturedAt();
        }
        if (w instanceof Work.Quarantine q && q.quarantineId() == null) {
            return q.change().capturedAt();
        }
        return null;
    }

    String lastError() {
        return lastError;
    }

    private void run() {
        List<Item> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Item first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                writing = batch.stream().map(i -> sourceCommit(i.work())).filter(java.util.Objects::nonNull).findFirst().orElse(null);
                writeWithRetry(batch);
                writing = null;
                long last = batch.get(batch.size() - 1).seq();
                lock.lock();
                try {
                    committed = last;
                    progress.signalAll();
                } finally {
                    lock.unlock();
                }
                batch.forEach(i -> i.done().complete(null));
                batch.clear();
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            }
        }
        batch.forEach(i -> i.done().completeExceptionally(new IllegalStateException("ingest lane " + connectorId + " stopped")));
    }

    private void writeWithRetry(List<Item> batch) throws InterruptedException {
        long backoffMs = 100;
        while (true) {
            try {
                long t0 = System.nanoTime();
                CanonicalWriter.Result r = writer.write(batch.stream().map(Item::work).toList());
                if (log.isDebugEnabled()) {
                    log.debug("lane {}: batch of {} written in {} µs: {}", connectorId, batch.size(), (System.nanoTime() - t0) / 1000, r);
                }
                metrics.recordBatch(connectorId, batch.size(), r);
                lastError = null;
                return;
            } catch (SQLTransientException | org.springframework.jdbc.CannotGetJdbcConnectionException e) {
                retryLater(e);
            } catch (SQLException e) {
                if (isConnectionProblem(e)) {
                    retryLater(e);
                } else {
                    writeOneByOne(batch);
                    return;
                }
            } catch (RuntimeException e) {
                writeOneByOne(batch);
                return;
            }
            Thread.sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, 5_000);
        }
    }

    private void retryLater(Exception e) {
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.warn("ingest lane {} cannot reach the database, retrying: {}", connectorId, e.getMessage());
    }

    /**
     * A batch failed for a reason that is not the database being away: find the change that causes it
     * and quarantine that one with the reason, so that one bad row never stops a source.
     */
    private void writeOneByOne(List<Item> batch) throws InterruptedException {
        for (Item item : batch) {
            long backoffMs = 100;
            while (true) {
                try {
                    metrics.recordBatch(connectorId, 1, writer.write(List.of(item.work())));
                    break;
                } catch (SQLException | RuntimeException e) {
                    if (e instanceof SQLException sql && isConnectionProblem(sql)) {
                        retryLater(sql);
                    } else if (quarantineInstead(item, e instanceof SQLException ? "storage refused the record: " + e.getMessage() : e.getMessage())) {
                        break;
                    } else {
                        lastError = e.getMessage();
                        log.error("ingest lane {} can neither store a change nor quarantine it; retrying, the source waits", connectorId, e);
                    }
                }
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    private boolean quarantineInstead(Item item, String reason) throws InterruptedException {
        if (!(item.work() instanceof Work.Apply a)) {
            return false;
        }
        Work q = new Work.Quarantine(a.change().change(), a.change().mapping(), reason, a.quarantineId());
        try {
            metrics.recordBatch(connectorId, 1, writer.write(List.of(q)));
            return true;
        } catch (SQLException | RuntimeException e) {
            lastError = e.getMessage();
            return false;
        }
    }

    private static boolean isConnectionProblem(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("40001") || state.equals("40P01"));
    }

    @Override
    public void close() {
        running = false;
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
        }
    }
}
