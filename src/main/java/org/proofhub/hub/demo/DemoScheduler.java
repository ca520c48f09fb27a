package org.proofhub.hub.demo;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The single background thread each demo job runs on, and its orderly stop. */
final class DemoScheduler {

    private DemoScheduler() {
    }

    /** A daemon thread: a demo job must never keep the JVM alive on its own. */
    static ScheduledExecutorService start(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Lets a running task finish, then stops; {@code null} is allowed and ignored. */
    static void stop(ScheduledExecutorService scheduler) {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
