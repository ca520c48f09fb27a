package org.proofhub.hub.bench;

/** One-thread rate measurement for the benches: warm up, then count runs in a fixed time. */
final class Rates {
    private static final long WARM_UP_NANOS = 2_000_000_000L;
    private static final long MEASURE_NANOS = 3_000_000_000L;

    private Rates() {
    }

    interface Operation {
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

    static void report(String what, double perSecond) {
        System.out.printf("BENCH %-95s %8.1f /s%n", what, perSecond);
    }
}
