package org.proofhub.hub.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Rate measurement of an in-process operation: warm up, then count runs in a fixed time. */
public final class Rates {
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final long MEASURE_NANOS = 3_000_000_000L;

    private Rates() {
    }

    /** One run of what is measured. */
    public interface Operation {
        void run() throws Exception;
    }

    static double rate(Operation operation) throws Exception {
        long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < warmUpEnd) {
            operation.run();
        }
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() - start < MEASURE_NANOS) {
            operation.run();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Runs per second of {@code operation} on {@code threads} threads at once: all warm up for {@code warmUp},
     * then runs are counted for {@code measure}, from the common start to the last thread's end.
     */
    public static double parallel(int threads, Duration warmUp, Duration measure, Operation operation) throws Exception {
        long start = System.nanoTime() + warmUp.toNanos();
        long end = start + measure.toNanos();
        LongAdder count = new LongAdder();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long[] finished = new long[threads];
        List<Thread> running = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < start) {
                        operation.run();
                    }
                    long n = 0;
                    while (System.nanoTime() < end) {
                        operation.run();
                        n++;
                    }
                    finished[index] = System.nanoTime();
                    count.add(n);
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-rate-" + i);
            running.add(t);
            t.start();
        }
        long last = end;
        for (int i = 0; i < threads; i++) {
            running.get(i).join();
            last = Math.max(last, finished[i]);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return count.sum() / ((last - start) / 1e9);
    }

    static void report(String what, double perSecond) {
        System.out.printf("BENCH %-95s %8.1f /s%n", what, perSecond);
    }
}
