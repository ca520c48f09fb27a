package org.proofhub.hub.bench.verification;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.bench.BenchContext;
import org.proofhub.hub.bench.BenchResult;
import org.proofhub.hub.bench.Benchmark;
import org.proofhub.hub.bench.CpuUsage;
import org.proofhub.hub.bench.InProcessHub;
import org.proofhub.hub.bench.Metric;
import org.proofhub.hub.bench.Percentiles;
import org.proofhub.hub.bench.PgStatements;
import org.proofhub.hub.bench.PgWaitEvents;
import org.proofhub.hub.bench.PgWal;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.proofhub.hub.platform.EmbeddedPostgresServer;
import org.proofhub.hub.verification.ItemKind;
import org.proofhub.hub.verification.Submitted;
import org.proofhub.hub.verification.VerificationAddresses;
import org.proofhub.hub.verification.VerificationRequestMessage;
import org.proofhub.hub.verification.VerificationSubmission;
import org.proofhub.hub.verification.Verifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * Department verification requests accepted durably per second, and the time to acceptance (issue 5): each call
 * validates the request, stores it with its deadlines and its outbox message in one PostgreSQL transaction, and hands
 * the message to Artemis as a durable send before it returns ({@code hub.verification.send-on-accept}). In the same
 * run, with the same number of threads and a message of the same size, plain durable Artemis sends give the base the
 * accept rate is compared with.
 *
 * <p>The calls go to the service ({@link Verifications#submit}), not over HTTP: HTTP Basic with the accounts' bcrypt
 * hashes costs tens of milliseconds of CPU per call by design and would measure the password hash, not acceptance.
 * Throughput is measured closed-loop ({@code bench.verification.threads} callers as fast as they can); the p99 open-loop
 * at {@code bench.verification.rate} requests per second (the goal's rate), from each request's scheduled time, so that
 * queueing in a busy hub counts.
 *
 * <p>System properties: {@code bench.verification.threads} (8), {@code bench.verification.rate} (1000),
 * {@code bench.verification.seconds} (20), {@code bench.verification.paced-seconds} (the open loop's window; as
 * {@code seconds} unless set), {@code bench.verification.warm-up-seconds} (10);
 * {@code bench.verification.pg-stat-statements=true} adds the hub database's top statements of the closed-loop accepts
 * (warm-up included) to the details.
 */
public final class VerificationBenchmark implements Benchmark {
    private static final Logger log = LoggerFactory.getLogger(VerificationBenchmark.class);
    private static final String[] UNITS = {"GAJ", "SCJGJ", "FGW", "MZJ", "RSJ", "ZJJ"};
    private static final int THREADS = Integer.getInteger("bench.verification.threads", 8);
    private static final int RATE = Integer.getInteger("bench.verification.rate", 1000);
    private static final Duration MEASURE = Duration.ofSeconds(Integer.getInteger("bench.verification.seconds", 20));
    /**
     * The open loop's measured window, as long as the others' unless set: a longer one (120 s) lets the p99 meet the
     * collector's pauses as they grow over the first minutes of load.
     */
    private static final Duration PACED_MEASURE = Duration.ofSeconds(Integer.getInteger("bench.verification.paced-seconds",
            (int) MEASURE.toSeconds()));
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.verification.warm-up-seconds", 10));
    /** Workers of the open loop: enough that a request due is started at once even while others wait for the hub. */
    private static final int PACED_WORKERS = 64;
    /**
     * Diagnosis: every measured paced call slower than 12 ms, with its time, on stderr (to line up with GC and journal logs),
     * and the stack of every call still running after 40 ms ({@code STUCK}: where a stalled call waits).
     */
    private static final boolean SLOW_LOG = Boolean.getBoolean("bench.slow");
    private static final String RAW_QUEUE = "bench.raw-durable";
    /** Diagnosis: the hub database's top SQL statements of the measured accepts, by execution time, into the details. */
    private static final boolean STATEMENTS = Boolean.getBoolean("bench.verification.pg-stat-statements");
    /** Diagnosis: what the hub database's backends wait for during the open loop, sampled, into the details. */
    private static final boolean WAIT_EVENTS = Boolean.getBoolean("bench.verification.pg-wait-events");

    @Override
    public String name() {
        return "verification";
    }

    @Override
    public String description() {
        return "department verification requests: durable accepts/s with " + THREADS + " callers, p99 at " + RATE
                + "/s open loop; raw durable Artemis sends as the base";
    }

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        BenchResult result = new BenchResult();
        Map<String, String> extra = STATEMENTS
                ? PgStatements.serverSettings() : Map.of();
        try (InProcessHub hub = BenchHub.start(context.projectDirectory(), context.workDirectory().resolve("data"), extra)) {
            Path postgresData = hub.bean(EmbeddedPostgresServer.class).dataDirectory();
            JdbcTemplate db = hub.bean(JdbcTemplate.class);
            HubUser agent = hub.bean(Accounts.class).find("window.agent").orElseThrow();
            Verifications verifications = hub.bean(Verifications.class);
            ConnectionFactory cf = hub.bean(ConnectionFactory.class);
            if (cf instanceof SingleConnectionFactory single && single.getTargetConnectionFactory() != null) {
                cf = single.getTargetConnectionFactory();
            }
            byte[] body = sampleMessage();

            log.info("bench verification: raw durable Artemis sends, {} threads, {} s + {} s", THREADS, WARM_UP.toSeconds(), MEASURE.toSeconds());
            CpuUsage cpu0 = CpuUsage.now(postgresData);
            PgWal wal0 = PgWal.now(hub.hubDatabase());
            java.time.Instant started = java.time.Instant.now();
            Run raw = closedLoop(THREADS, WARM_UP, MEASURE, rawSender(cf, body));
            CpuUsage cpu1 = CpuUsage.now(postgresData);
            PgWal wal1 = PgWal.now(hub.hubDatabase());
            // the base's hundreds of thousands of unread messages are the bench's own: they must not weigh on the phases after it
            hub.bean(org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ.class).getActiveMQServer()
                    .destroyQueue(org.apache.activemq.artemis.api.core.SimpleString.of(RAW_QUEUE), null, false, true, true);
            // nor in the old generation: promoted while they waited, they would be there until a concurrent cycle, and the
            // young generation shrinks around them (a collection every 2 s instead of every 16 in a long open loop)
            System.gc();

            // the units' own systems read their requests, as connected departments do: requests left unread would pile up in
            // the broker's heap (about 3 KB each) and make every young collection of the phases below copy them
            DepartmentSystems departments = DepartmentSystems.reading(cf, UNITS);
            log.info("bench verification: accepts, {} threads, {} s + {} s", THREADS, WARM_UP.toSeconds(), MEASURE.toSeconds());
            AtomicInteger seq = new AtomicInteger();
            AtomicInteger queued = new AtomicInteger();
            if (STATEMENTS) {
                try (java.sql.Connection c = hub.hubDatabase().getConnection()) {
                    PgStatements.reset(c);
                }
            }
            long requestsBefore = count(db, "select count(*) from verification_request where application_id like 'BENCH-%'");
            Run accept = closedLoop(THREADS, WARM_UP, MEASURE, () -> () -> {
                int n = seq.incrementAndGet();
                Submitted s = verifications.submit(submission(UNITS[n % UNITS.length], n), agent);
                if (s.dispatch() == Submitted.Dispatch.QUEUED) {
                    queued.incrementAndGet();
                }
            });
            CpuUsage cpu2 = CpuUsage.now(postgresData);
            PgWal wal2 = PgWal.now(hub.hubDatabase());
            List<String> statements = null;
            if (STATEMENTS) {
                try (java.sql.Connection c = hub.hubDatabase().getConnection()) {
                    statements = PgStatements.top(c, 15);
                }
            }
            long stored = count(db, "select count(*) from verification_request where application_id like 'BENCH-%'") - requestsBefore;
            // warm-up and measured calls alike: every accepted request must be stored
            if (stored != seq.get()) {
                throw new IllegalStateException(seq.get() + " requests accepted but " + stored + " stored");
            }

            log.info("bench verification: {} accepts/s open loop for {} s + {} s", RATE, WARM_UP.toSeconds(), PACED_MEASURE.toSeconds());
            PgWaitEvents waits = WAIT_EVENTS ? PgWaitEvents.sampling(hub.hubDatabase(), "hub") : null;
            Run paced = paced(RATE, WARM_UP, PACED_MEASURE, () -> {
                int n = seq.incrementAndGet();
                Submitted s = verifications.submit(submission(UNITS[n % UNITS.length], n), agent);
                if (s.dispatch() == Submitted.Dispatch.QUEUED) {
                    queued.incrementAndGet();
                }
            });
            CpuUsage cpu3 = CpuUsage.now(postgresData);
            PgWal wal3 = PgWal.now(hub.hubDatabase());
            if (waits != null) {
                waits.close();
            }
            departments.close();

            Map<String, Object> rawReport = raw.describe();
            rawReport.put("messageBytes", body.length);
            rawReport.put("jitShareOfJvmCpu", round(cpu1.jitShareSince(cpu0)));
            rawReport.put("cpu", cpu1.since(cpu0, raw.callsWithWarmUp()));
            rawReport.put("hubWal", wal1.since(wal0, raw.callsWithWarmUp()));
            Map<String, Object> acceptReport = accept.describe();
            acceptReport.put("storedRequestsIncludingWarmUp", stored);
            acceptReport.put("jitShareOfJvmCpu", round(cpu2.jitShareSince(cpu1)));
            acceptReport.put("cpu", cpu2.since(cpu1, accept.callsWithWarmUp()));
            acceptReport.put("hubWal", wal2.since(wal1, accept.callsWithWarmUp()));
            if (statements != null) {
                acceptReport.put("hubStatements", statements);
            }
            Map<String, Object> pacedReport = paced.describe();
            pacedReport.put("ratePerSecond", RATE);
            pacedReport.put("workers", PACED_WORKERS);
            pacedReport.put("maxSenderBehindScheduleMs", round(paced.senderBehindNanos() / 1e6));
            pacedReport.put("jitShareOfJvmCpu", round(cpu3.jitShareSince(cpu2)));
            pacedReport.put("cpu", cpu3.since(cpu2, paced.callsWithWarmUp()));
            pacedReport.put("hubWal", wal3.since(wal2, paced.callsWithWarmUp()));
            pacedReport.put("hubAutovacuumSinceRawPhase", PgWal.maintenanceSince(hub.hubDatabase(), started));
            if (waits != null) {
                pacedReport.put("hubWaitEvents", waits.describe());
            }

            result.metric(Metric.of("verify_req.accept_per_s", accept.perSecond(), "1/s").atLeast(1_000))
                    .metric(Metric.of("verify_req.accept_p99_ms", paced.percentileMs(0.99), "ms").atMost(20))
                    .metric(Metric.of("verify_req.raw_artemis_send_per_s", raw.perSecond(), "1/s"))
                    .metric(Metric.of("verify_req.accept_to_raw_ratio", accept.perSecond() / raw.perSecond(), "ratio"))
                    .detail("rawArtemisSend", rawReport)
                    .detail("accept", acceptReport)
                    .detail("pacedAt" + RATE, pacedReport)
                    .detail("handedToRelayInsteadOfSent", queued.get())
                    .detail("requestsReadByDepartmentSystems", departments.read())
                    .detail("settings", Map.of("threads", THREADS, "rate", RATE, "warmUpSeconds", WARM_UP.toSeconds(),
                            "measureSeconds", MEASURE.toSeconds(), "pacedMeasureSeconds", PACED_MEASURE.toSeconds(), "hub", BenchHub.properties()))
                    .detail("acceptance", "validation + one PostgreSQL transaction (request, 2 deadlines, 2 events, outbox row;"
                            + " synchronous_commit=on) + a durable Artemis send of the outbox row and its deletion")
                    .detail("method", "see bench/README.md: real hub in the bench JVM; Verifications.submit called as window.agent"
                            + " (no HTTP); closed loop: calls completed in the measured seconds / seconds; open loop: latency from"
                            + " each request's scheduled time to its return; raw: durable BytesMessage sends of the same size on"
                            + " the hub's broker, one connection and session per thread; during both acceptance phases each unit's"
                            + " system reads its request queue (one JMS consumer per unit, auto-acknowledge, in the bench JVM)");
        }
        return result;
    }

    /** The units' systems: one auto-acknowledging JMS consumer per unit on its request queue, counting what it reads. */
    private static final class DepartmentSystems implements AutoCloseable {
        private final List<Connection> connections = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();

        static DepartmentSystems reading(ConnectionFactory cf, String[] units) throws Exception {
            DepartmentSystems systems = new DepartmentSystems();
            for (String unit : units) {
                Connection c = cf.createConnection();
                systems.connections.add(c);
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                s.createConsumer(s.createQueue(VerificationAddresses.requests(unit))).setMessageListener(m -> systems.read.incrementAndGet());
                c.start();
            }
            return systems;
        }

        long read() {
            return read.get();
        }

        @Override
        public void close() throws Exception {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private interface CallFactory {
        Call create() throws Exception;
    }

    /** Calls completed in the measured window and their latencies. */
    private record Run(long calls, double seconds, double[] latenciesMs, long senderBehindNanos, long callsWithWarmUp) {
        double perSecond() {
            return calls / seconds;
        }

        double percentileMs(double q) {
            return Percentiles.of(latenciesMs, q);
        }

        Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("calls", calls);
            m.put("seconds", seconds);
            m.put("perSecond", Math.round(perSecond()));
            m.put("callsWithWarmUp", callsWithWarmUp);
            m.put("latency", Percentiles.summaryMs(latenciesMs));
            return m;
        }
    }

    /** Closed loop: {@code threads} callers, each calling as fast as it can; only calls started after the warm-up count. */
    private static Run closedLoop(int threads, Duration warmUp, Duration measure, CallFactory factory) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        List<double[]> samples = new ArrayList<>();
        int[] counts = new int[threads];
        long[] allCounts = new long[threads];
        CountDownLatch done = new CountDownLatch(threads);
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            double[] mine = new double[500_000];
            samples.add(mine);
            int index = t;
            Call call = factory.create();
            Thread th = new Thread(() -> {
                try {
                    int n = 0;
                    long all = 0;
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        call.run();
                        long t1 = System.nanoTime();
                        all++;
                        if (t0 >= measureFrom && n < mine.length) {
                            mine[n++] = (t1 - t0) / 1e6;
                        }
                    }
                    counts[index] = n;
                    allCounts[index] = all;
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            }, "bench-verification-" + t);
            th.start();
        }
        done.await();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("benchmark call failed", errors.get(0));
        }
        double[] all = new double[Arrays.stream(counts).sum()];
        int at = 0;
        for (int i = 0; i < threads; i++) {
            System.arraycopy(samples.get(i), 0, all, at, counts[i]);
            at += counts[i];
        }
        return new Run(all.length, measure.toNanos() / 1e9, all, 0, Arrays.stream(allCounts).sum());
    }

    /** Open loop: calls start on a fixed schedule of {@code rate} per second; latency counts from the scheduled start. */
    /** With SLOW_LOG: prints the stack of every call in {@code inFlight} ({started at, printed}) still running after 40 ms. */
    private static Thread stuckWatchdog(Map<Thread, long[]> inFlight) {
        Thread watchdog = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.nanoTime();
                inFlight.forEach((t, st) -> {
                    if (st[1] == 0 && now - st[0] > 40_000_000L) {
                        st[1] = 1;
                        StringBuilder b = new StringBuilder("STUCK " + Instant.now() + " " + t.getName());
                        for (StackTraceElement e : t.getStackTrace()) {
                            b.append("\n    ").append(e);
                        }
                        System.err.println(b);
                    }
                });
                LockSupport.parkNanos(5_000_000L);
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        return watchdog;
    }

    private static Run paced(int rate, Duration warmUp, Duration measure, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PACED_WORKERS, r -> new Thread(r, "bench-verification-paced"));
        long start = System.nanoTime() + 50_000_000;
        long measureFrom = start + warmUp.toNanos();
        long total = (warmUp.toNanos() + measure.toNanos()) * rate / 1_000_000_000L;
        long measured = measure.toNanos() * rate / 1_000_000_000L;
        double[] samples = new double[(int) measured + 16];
        AtomicInteger n = new AtomicInteger();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch((int) total);
        long behind = 0;
        // with SLOW_LOG: each worker's running call, as {started at, stack printed}
        Map<Thread, long[]> inFlight = new ConcurrentHashMap<>();
        Thread watchdog = SLOW_LOG ? stuckWatchdog(inFlight) : null;
        try {
            for (long i = 0; i < total; i++) {
                long scheduled = start + i * 1_000_000_000L / rate;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else {
                    behind = Math.max(behind, -wait);
                }
                pool.execute(() -> {
                    try {
                        if (SLOW_LOG) {
                            inFlight.put(Thread.currentThread(), new long[]{System.nanoTime(), 0});
                        }
                        call.run();
                        long latency = System.nanoTime() - scheduled;
                        if (scheduled >= measureFrom) {
                            int k = n.getAndIncrement();
                            if (k < samples.length) {
                                samples[k] = latency / 1e6;
                            }
                            if (SLOW_LOG && latency > 12_000_000L) {
                                System.err.println("SLOW " + java.time.Instant.now() + " " + latency / 1_000_000 + " ms");
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        if (SLOW_LOG) {
                            inFlight.remove(Thread.currentThread());
                        }
                        done.countDown();
                    }
                });
            }
            done.await();
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
            }
            pool.shutdown();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("benchmark call failed", errors.get(0));
        }
        double[] measuredMs = Arrays.copyOf(samples, Math.min(n.get(), samples.length));
        return new Run(measuredMs.length, measure.toNanos() / 1e9, measuredMs, behind, total);
    }

    private static CallFactory rawSender(ConnectionFactory cf, byte[] body) {
        return () -> {
            Connection c = cf.createConnection();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(RAW_QUEUE);
            MessageProducer p = s.createProducer(q);
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            return () -> {
                BytesMessage m = s.createBytesMessage();
                m.writeBytes(body);
                p.send(m);
            };
        };
    }

    private static VerificationSubmission submission(String unit, int n) {
        // no String.format: the load generator shares the hub's heap, and its garbage is collected in the hub's pauses
        int month = 1 + n % 12;
        int day = 1 + n % 28;
        int seq = n % 1000;
        String body = "3501021985" + (month < 10 ? "0" : "") + month + (day < 10 ? "0" : "") + day + (seq < 100 ? "0" : "") + (seq < 10 ? "0" : "") + seq;
        return new VerificationSubmission("350100-HJ-0001", "BENCH-" + n, ItemKind.INSTANT, null, "household-registration", false, unit,
                new VerificationSubmission.Subject(SubjectType.PERSON, body + CitizenIds.checkCharacter(body), "压测人"),
                "请核实该申请人户籍登记信息，用于办理居住证。", null, Map.of("name", "压测人"));
    }

    /** A request message as the hub sends it, for the raw sends to carry the same number of bytes. */
    private static byte[] sampleMessage() {
        VerificationSubmission s = submission("GAJ", 1);
        VerificationRequestMessage m = VerificationRequestMessage.newBuilder().setMessageId("request/VR-" + UUID.randomUUID())
                .setRequestId("VR-" + UUID.randomUUID()).setSentAt(Instant.now()).setRequestingUnit("ZWFWZX")
                .setRequestingAgent("window.agent").setIssuingUnit("GAJ").setAssignedAgent("gaj.agent")
                .setServiceItemCode(s.serviceItemCode()).setApplicationId(s.applicationId()).setItemKind(ItemKind.INSTANT)
                .setDataBacked(false).setProofType(s.proofType()).setSubjectType(SubjectType.PERSON).setSubjectId(s.subject().id())
                .setSubjectName(s.subject().name()).setQueryLetter(s.queryLetter()).setReceivedAt(Instant.now()).setDeadline(Instant.now())
                .setReturnUntil(Instant.now()).build();
        try {
            ByteBuffer buf = VerificationRequestMessage.getEncoder().encode(m);
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long count(JdbcTemplate db, String sql) {
        Long n = db.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
