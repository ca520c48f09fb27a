package org.proofhub.hub.commitment.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs {@link PostChecks#sweep} every {@code hub.commitment.sweep-interval}; a failed sweep is retried at the next tick. */
final class PostCheckSweeper implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PostCheckSweeper.class);

    private final PostChecks postChecks;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService executor;

    PostCheckSweeper(PostChecks postChecks, Clock clock, Duration interval) {
        this.postChecks = postChecks;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "post-check-sweeper");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            int overdue = postChecks.sweep(clock.instant());
            if (overdue > 0) {
                log.info("{} post-check(s) overdue, reported to their units", overdue);
            }
        } catch (RuntimeException e) {
            log.warn("post-check sweep failed, retrying in {}: {}", interval, e.getMessage());
        }
    }

    @Override
    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null && !executor.isShutdown();
    }

    @Override
    public int getPhase() {
        // stop before the pool and the database
        return Integer.MAX_VALUE - 200;
    }
}
