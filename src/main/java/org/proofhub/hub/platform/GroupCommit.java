package org.proofhub.hub.platform;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for request threads: each hands its item over and waits until it is committed; a few writer threads each
 * take what has gathered (at most {@code maxGroup} items) and write it with one statement in one transaction — under load,
 * concurrent requests share a round trip, a commit and a WAL flush instead of paying for one each; alone, a request waits
 * for nobody. The caller still returns only once its rows are durable.
 *
 * <p>{@code write} gets a group and answers one result per item, in order; it must write all or nothing (one statement or
 * one transaction). A group that fails is written again one item at a time, so that an item the database refuses fails
 * only its own request. After {@link #close()} the requests still arriving write their own items.
 *
 * @param <I> what a request hands over
 * @param <O> what it gets back once committed
 */
public final class GroupCommit<I, O> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private record Waiting<I, O>(I item, CompletableFuture<O> done) {
    }

    private final String name;
    private final int maxGroup;
    private final Function<List<I>, List<O>> write;
    private final DistributionSummary groups;
    private final BlockingQueue<Waiting<I, O>> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    /**
     * Starts {@code threads} writers named {@code <name>-N}; {@code hub.commit.group} (tag {@code writer=<name>}) counts the
     * groups written and their sizes.
     */
    public GroupCommit(String name, int threads, int maxGroup, Function<List<I>, List<O>> write, MeterRegistry meters) {
        if (threads < 1 || maxGroup < 1) {
            throw new IllegalArgumentException(name + ": a group commit needs at least one writer and groups of at least one");
        }
        this.name = name;
        this.maxGroup = maxGroup;
        this.write = write;
        this.groups = DistributionSummary.builder("hub.commit.group").tag("writer", name).baseUnit("items")
                .description("items written in one statement and commit").register(meters);
        for (int i = 1; i <= threads; i++) {
            Thread t = new Thread(this::run, name + "-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    /** Writes the item with whatever else is waiting and returns its result once committed; throws what its write threw. */
    public O submit(I item) {
        CompletableFuture<O> done = new CompletableFuture<>();
        queue.add(new Waiting<>(item, done));
        if (closed) {
            // the writers may have stopped before this item came: whoever drains the queue now writes it
            drain();
        }
        try {
            return done.get();
        } catch (InterruptedException e) {
            // the item stays handed over and may still be written: the caller only stops waiting for it
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(name + ": not written", e.getCause());
        }
    }

    /** Items handed over and not yet taken by a writer. */
    public int queued() {
        return queue.size();
    }

    private void run() {
        while (!closed) {
            try {
                Waiting<I, O> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Waiting<I, O>> group = new ArrayList<>();
                    group.add(first);
                    queue.drainTo(group, maxGroup - 1);
                    commit(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // commit completes every item itself: this would be a bug in the loop, which must not end the writer
                log.error("{}: {}", name, e.toString(), e);
            }
        }
    }

    private void drain() {
        List<Waiting<I, O>> group = new ArrayList<>();
        while (queue.drainTo(group, maxGroup) > 0) {
            commit(group);
            group = new ArrayList<>();
        }
    }

    private void commit(List<Waiting<I, O>> group) {
        try {
            List<O> results = write.apply(group.stream().map(Waiting::item).toList());
            if (results.size() != group.size()) {
                throw new IllegalStateException(name + ": " + group.size() + " items written, " + results.size() + " results");
            }
            groups.record(group.size());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(results.get(i));
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(e);
                return;
            }
            // one item may be what the database refused: each on its own, so that only its request fails
            log.warn("{}: a group of {} was not written ({}); writing them one by one", name, group.size(), e.getClass().getSimpleName());
            for (Waiting<I, O> w : group) {
                commit(List.of(w));
            }
        } catch (Error e) {
            // nobody may wait for ever: the requests fail, the writer's loop logs it and goes on
            group.forEach(w -> w.done().completeExceptionally(e));
            throw e;
        }
    }

    /** Stops the writers after what is queued; requests still arriving write their own items. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : writers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        drain();
    }
}
