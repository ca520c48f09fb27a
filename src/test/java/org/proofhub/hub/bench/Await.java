package org.proofhub.hub.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/** Waiting on conditions (Awaitility): polls until a check holds, or fails naming what was awaited. Never a bare sleep. */
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
    public static long until(String what, Duration timeout, Duration interval, Check check) {
        AtomicLong heldAt = new AtomicLong();
        Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(interval).until(() -> {
            boolean holds = check.holds();
            if (holds) {
                heldAt.set(System.nanoTime());
            }
            return holds;
        });
        return heldAt.get();
    }
}
