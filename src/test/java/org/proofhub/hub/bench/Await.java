package org.proofhub.hub.bench;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Waiting on conditions: polls until a check holds, or fails with what was awaited. Never a bare sleep. */
public final class Await {

    /** A condition to poll; may query a database or an endpoint. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /**
     * Polls {@code check} every {@code interval} until it holds.
     *
     * @return {@link System#nanoTime()} at the poll that saw it hold
     */
    public static long until(String what, Duration timeout, Duration interval, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (check.holds()) {
                return System.nanoTime();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("waited " + timeout.toSeconds() + " s for " + what);
            }
            Thread.sleep(interval.toMillis());
        }
    }
}
