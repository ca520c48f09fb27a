package org.proofhub.hub.bench.proof;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.proofhub.hub.bench.Percentiles;

/**
 * HTTP load on the hub: a closed loop of concurrent clients for a fixed time, or requests at a fixed rate.
 * Every response is checked by the {@link Step}; latencies are kept for the checked-good ones. The calls go over
 * {@link RawHttp}, one keep-alive connection per client thread.
 */
final class HttpLoad {
    private static final int PROBLEM_KINDS_KEPT = 10;
    /** The open loop's callers: enough that a request due is sent at once while others wait for the hub. */
    private static final int PACED_WORKERS = 32;

    private HttpLoad() {
    }

    /** What one kind of load sends and expects. Called from many threads at once. */
    interface Step {
        /** The request number {@code sequence}, or null when there is nothing left to send (the load ends). */
        RawHttp.Request request(long sequence) throws Exception;

        /** Null when {@code response} is what was expected; otherwise a short reason, free of personal data. */
        String problem(RawHttp.Response response);
    }

    /** What a load did. Times are {@link System#nanoTime()}; latencies of good responses in ms. */
    record Result(long ok, long failed, Map<String, Long> problems, double[] latenciesMs, long started, long finished,
                  boolean exhausted, double maxBehindScheduleMs) {

        double perSecond() {
            return ok / ((finished - started) / 1e9);
        }

        double percentileMs(double q) {
            return Percentiles.of(latenciesMs, q);
        }

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", ok);
            m.put("failed", failed);
            if (!problems.isEmpty()) {
                m.put("problems", problems);
            }
            m.put("seconds", Math.round((finished - started) / 1e6) / 1000.0);
            m.put("okPerSecond", Math.round(perSecond() * 10) / 10.0);
            m.put("latency", Percentiles.summaryMs(latenciesMs));
            if (exhausted) {
                m.put("exhausted", true);
            }
            if (!Double.isNaN(maxBehindScheduleMs)) {
                m.put("senderMaxBehindScheduleMs", Math.round(maxBehindScheduleMs * 1000) / 1000.0);
            }
            return m;
        }
    }

    /** Collects outcomes from many threads. */
    private static final class Tally {
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Map<String, LongAdder> problems = new ConcurrentHashMap<>();

        void fail(String problem) {
            failed.increment();
            // the first kinds only: a broken run must not grow an unbounded map
            if (problems.size() < PROBLEM_KINDS_KEPT || problems.containsKey(problem)) {
                problems.computeIfAbsent(problem, p -> new LongAdder()).increment();
            }
        }

        Map<String, Long> problems() {
            Map<String, Long> m = new LinkedHashMap<>();
            problems.forEach((k, v) -> m.put(k, v.sum()));
            return m;
        }
    }

    /**
     * {@code clients} threads each send a request, wait for its response and send the next, until
     * {@code duration} has passed or the step has nothing left. The time runs from the start to the last response.
     */
    static Result closedLoop(RawHttp.Target http, String name, int clients, Duration duration, Step step) throws InterruptedException {
        Tally tally = new Tally();
        AtomicLong sequence = new AtomicLong();
        List<List<Double>> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long[] lastDone = new long[clients];
        boolean[] exhausted = new boolean[clients];
        long started = System.nanoTime();
        long end = started + duration.toNanos();
        for (int i = 0; i < clients; i++) {
            List<Double> mine = new ArrayList<>();
            latencies.add(mine);
            int client = i;
            // named threads: CpuUsage reports the client's own CPU as "thread bench-client-N"
            Thread t = new Thread(() -> {
                try (RawHttp.Connection connection = new RawHttp.Connection(http)) {
                    loop(connection, step, sequence, end, tally, mine, lastDone, exhausted, client);
                }
            }, "bench-client-" + name + "-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long finished = started;
        boolean anyExhausted = false;
        for (int i = 0; i < clients; i++) {
            finished = Math.max(finished, lastDone[i]);
            anyExhausted |= exhausted[i];
        }
        double[] ms = latencies.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
        return new Result(tally.ok.sum(), tally.failed.sum(), tally.problems(), ms, started, finished, anyExhausted, Double.NaN);
    }

    /** One closed-loop client: send, wait for the answer, check it, send the next. */
    private static void loop(RawHttp.Connection connection, Step step, AtomicLong sequence, long end, Tally tally, List<Double> mine,
                             long[] lastDone, boolean[] exhausted, int client) {
        while (System.nanoTime() < end) {
            RawHttp.Request request;
            try {
                request = step.request(sequence.getAndIncrement());
            } catch (Exception e) {
                tally.fail("request not built: " + e.getClass().getSimpleName());
                continue;
            }
            if (request == null) {
                exhausted[client] = true;
                break;
            }
            long sent = System.nanoTime();
            try {
                RawHttp.Response response = connection.send(request);
                long done = System.nanoTime();
                String problem = step.problem(response);
                if (problem == null) {
                    tally.ok.increment();
                    mine.add((done - sent) / 1e6);
                } else {
                    tally.fail(problem);
                }
                lastDone[client] = done;
            } catch (Exception e) {
                tally.fail(e.getClass().getSimpleName());
                lastDone[client] = System.nanoTime();
            }
        }
    }

    /**
     * Sends {@code perSecond} requests a second for {@code duration}, each at its due time whether or not
     * earlier ones have been answered (an open loop, as independent users arrive), and waits for every
     * answer. A request's latency runs from its due time, so a sender or a server that falls behind shows
     * in the figures instead of being hidden by a later send.
     */
    static Result paced(RawHttp.Target http, double perSecond, Duration duration, Step step) throws Exception {
        int count = (int) Math.round(perSecond * duration.toNanos() / 1e9);
        long period = Math.round(1e9 / perSecond);
        Tally tally = new Tally();
        double[] latencyMs = new double[count];
        boolean[] good = new boolean[count];
        long[] done = new long[count];
        CountDownLatch answered = new CountDownLatch(count);
        List<RawHttp.Connection> connections = java.util.Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<RawHttp.Connection> connection = ThreadLocal.withInitial(() -> {
            RawHttp.Connection c = new RawHttp.Connection(http);
            connections.add(c);
            return c;
        });
        AtomicLong workers = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(PACED_WORKERS, r -> {
            Thread t = new Thread(r, "bench-client-paced-" + workers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long maxBehind = 0;
        long started = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                long due = started + i * period;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                maxBehind = Math.max(maxBehind, now - due);
                RawHttp.Request request = step.request(i);
                if (request == null) {
                    throw new IllegalStateException("the paced load ran out of requests after " + i + " of " + count);
                }
                int index = i;
                pool.execute(() -> {
                    String problem;
                    try {
                        problem = step.problem(connection.get().send(request));
                    } catch (Exception e) {
                        problem = e.getClass().getSimpleName();
                    }
                    long at = System.nanoTime();
                    done[index] = at;
                    if (problem == null) {
                        tally.ok.increment();
                        good[index] = true;
                        latencyMs[index] = (at - due) / 1e6;
                    } else {
                        tally.fail(problem);
                    }
                    answered.countDown();
                });
            }
            if (!answered.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException(answered.getCount() + " paced requests were not answered within 2 minutes");
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            connections.forEach(RawHttp.Connection::close);
        }
        long finished = started;
        List<Double> ms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            finished = Math.max(finished, done[i]);
            if (good[i]) {
                ms.add(latencyMs[i]);
            }
        }
        return new Result(tally.ok.sum(), tally.failed.sum(), tally.problems(), ms.stream().mapToDouble(Double::doubleValue).toArray(),
                started, finished, false, maxBehind / 1e6);
    }
}
