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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.proofhub.hub.verification.ItemKind;
import org.proofhub.hub.verification.Submitted;
import org.proofhub.hub.verification.VerificationRequestMessage;
import org.proofhub.hub.verification.VerificationSubmission;
import org.proofhub.hub.verification.Verifications;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * Verification requests accepted durably per second, and the time to acceptance: each call validates the
 * request, stores it with its deadlines and its outbox message in one PostgreSQL transaction, and hands the
 * message to Artemis as a durable send before it returns ({@code hub.verification.send-on-accept}). In the
 * same run, with the same number of threads and a message of the same size, plain durable Artemis sends
 * give the base the accept rate is compared with.
 *
 * <p>The calls go to the service ({@link Verifications#submit}), not over HTTP: HTTP Basic with the
 * accounts' bcrypt hashes costs tens of milliseconds of CPU per call by design and would measure the
 * password hash, not acceptance.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) org.proofhub.hub.bench.verification.VerificationAcceptBench</pre>
 * Throughput is measured closed-loop ({@code bench.threads} callers as fast as they can); the p99 is measured
 * open-loop at {@code bench.rate} requests per second (the goal's rate), from each request's scheduled time,
 * so that queueing in a busy hub counts.
 * System properties: {@code bench.threads} (8), {@code bench.rate} (1000), {@code bench.seconds} (20),
 * {@code bench.warmup-seconds} (5).
 */
public final class VerificationAcceptBench {
    private static final String[] UNITS = {"GAJ", "SCJGJ", "FGW", "MZJ", "RSJ", "ZJJ"};

    private VerificationAcceptBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("bench.threads", 8);
        int rate = Integer.getInteger("bench.rate", 1000);
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
        Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 5));
        Path dir = Path.of("target", "bench", "verification-accept-" + System.currentTimeMillis()).toAbsolutePath();
        BenchOutput out = new BenchOutput();
        try (ConfigurableApplicationContext hub = BenchHub.start(dir, Map.of())) {
            HubUser agent = hub.getBean(Accounts.class).find("window.agent").orElseThrow();
            Verifications verifications = hub.getBean(Verifications.class);
            ConnectionFactory cf = hub.getBean(ConnectionFactory.class);
            if (cf instanceof SingleConnectionFactory single && single.getTargetConnectionFactory() != null) {
                cf = single.getTargetConnectionFactory();
            }
            byte[] body = sampleMessage();

            long cpu0 = BenchOutput.cpuMillis(dir);
            Run raw = run(threads, warmup, measure, rawSender(cf, body));
            long cpu1 = BenchOutput.cpuMillis(dir);
            long pg1 = BenchOutput.postgresCpuMillis(dir);
            AtomicInteger seq = new AtomicInteger();
            AtomicInteger queued = new AtomicInteger();
            Run accept = run(threads, warmup, measure, () -> {
                int n = seq.incrementAndGet();
                return () -> {
                    Submitted s = verifications.submit(submission(UNITS[n % UNITS.length], seq.incrementAndGet()), agent);
                    if (s.dispatch() == Submitted.Dispatch.QUEUED) {
                        queued.incrementAndGet();
                    }
                };
            });
            long cpu2 = BenchOutput.cpuMillis(dir);
            long pg2 = BenchOutput.postgresCpuMillis(dir);
            long totalRaw = raw.count() * (warmup.toNanos() + measure.toNanos()) / measure.toNanos();
            long totalAccepted = accept.count() * (warmup.toNanos() + measure.toNanos()) / measure.toNanos();
            // latency at the goal's rate: requests arrive on a schedule, so waiting for a busy hub counts too
            Run paced = paced(rate, warmup, measure, () -> verifications.submit(submission(UNITS[seq.get() % UNITS.length],
                    seq.incrementAndGet()), agent));
            out.atLeast("verify_req.accept_per_s", accept.perSecond(), "1/s", 1000)
                    .atMost("verify_req.accept_p99_ms", paced.p99Ms(), "ms", 20)
                    .metric("verify_req.raw_artemis_send_per_s", raw.perSecond(), "1/s", null, null)
                    .metric("verify_req.accept_to_raw_ratio", accept.perSecond() / raw.perSecond(), "ratio", null, null)
                    .detail("threads", threads)
                    .detail("measureSeconds", measure.toSeconds())
                    .detail("accepted", accept.count())
                    .detail("closedLoopP50Ms", accept.p50Ms())
                    .detail("closedLoopP99Ms", accept.p99Ms())
                    .detail("pacedRatePerS", rate)
                    .detail("pacedAccepted", paced.count())
                    .detail("pacedP50Ms", paced.p50Ms())
                    .detail("pacedMaxMs", paced.maxMs())
                    .detail("handedToRelayInsteadOfSent", queued.get())
                    .detail("rawSent", raw.count())
                    .detail("rawP50Ms", raw.p50Ms())
                    .detail("rawP99Ms", raw.p99Ms())
                    .detail("messageBytes", body.length)
                    .detail("cpuMsPerAccept", (double) (cpu2 - cpu1) / Math.max(1, totalAccepted))
                    .detail("postgresCpuMsPerAccept", (double) (pg2 - pg1) / Math.max(1, totalAccepted))
                    .detail("cpuMsPerRawSend", (double) (cpu1 - cpu0) / Math.max(1, totalRaw))
                    .detail("acceptance", "validation + one PostgreSQL transaction (request, 2 deadlines, 2 events, outbox row; "
                            + "synchronous_commit=on) + a durable Artemis send of the outbox row and its deletion");
        }
        System.out.println(out.json());
    }

    private interface Call {
        void run() throws Exception;
    }

    private interface CallFactory {
        Call create() throws Exception;
    }

    private record Run(long count, double seconds, long[] sortedNanos) {
        double perSecond() {
            return count / seconds;
        }

        double p50Ms() {
            return BenchOutput.quantileMs(sortedNanos, 0.50);
        }

        double p99Ms() {
            return BenchOutput.quantileMs(sortedNanos, 0.99);
        }

        double maxMs() {
            return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
        }
    }

    /** Closed loop: {@code threads} callers, each calling as fast as it can; only calls after the warm-up count. */
    private static Run run(int threads, Duration warmup, Duration measure, CallFactory factory) throws Exception {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        List<long[]> samples = new ArrayList<>();
        int[] counts = new int[threads];
        CountDownLatch done = new CountDownLatch(threads);
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[500_000];
            samples.add(mine);
            int index = t;
            Call call = factory.create();
            Thread th = new Thread(() -> {
                try {
                    int n = 0;
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= end) {
                            break;
                        }
                        call.run();
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && n < mine.length) {
                            mine[n++] = t1 - t0;
                        }
                    }
                    counts[index] = n;
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                } finally {
                    done.countDown();
                }
            }, "bench-" + t);
            th.start();
        }
        done.await();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("benchmark call failed", errors.get(0));
        }
        long[] sorted = BenchOutput.sorted(samples, counts);
        return new Run(sorted.length, measure.toNanos() / 1e9, sorted);
    }

    /** Open loop: calls start on a fixed schedule of {@code rate} per second; latency counts from the scheduled start. */
    private static Run paced(int rate, Duration warmup, Duration measure, Call call) throws Exception {
        int workers = 64;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers);
        long start = System.nanoTime() + 50_000_000;
        long measureFrom = start + warmup.toNanos();
        long total = (warmup.toNanos() + measure.toNanos()) * rate / 1_000_000_000L;
        long measured = measure.toNanos() * rate / 1_000_000_000L;
        long[] samples = new long[(int) measured + 16];
        AtomicInteger n = new AtomicInteger();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch((int) total);
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * 1_000_000_000L / rate;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            pool.execute(() -> {
                try {
                    call.run();
                    long latency = System.nanoTime() - scheduled;
                    if (scheduled >= measureFrom) {
                        int k = n.getAndIncrement();
                        if (k < samples.length) {
                            samples[k] = latency;
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("benchmark call failed", errors.get(0));
        }
        long[] sorted = java.util.Arrays.copyOf(samples, Math.min(n.get(), samples.length));
        java.util.Arrays.sort(sorted);
        return new Run(sorted.length, measure.toNanos() / 1e9, sorted);
    }

    private static CallFactory rawSender(ConnectionFactory cf, byte[] body) {
        return () -> {
            Connection c = cf.createConnection();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("bench.raw-durable");
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
        String body = "350102" + "1985" + String.format("%02d%02d", 1 + n % 12, 1 + n % 28) + String.format("%03d", n % 1000);
        return new VerificationSubmission("350100-HJ-0001", "BENCH-" + n, ItemKind.INSTANT, null, "household-registration", false, unit,
                new VerificationSubmission.Subject(SubjectType.PERSON, body + CitizenIds.checkCharacter(body), "压测人"),
                "请核实该申请人户籍登记信息，用于办理居住证。", null, Map.of("name", "压测人"));
    }

    /** A request message as the hub sends it, for the raw sends to carry the same number of bytes. */
    private static byte[] sampleMessage() throws Exception {
        VerificationSubmission s = submission("GAJ", 1);
        VerificationRequestMessage m = VerificationRequestMessage.newBuilder().setMessageId("request/VR-" + java.util.UUID.randomUUID())
                .setRequestId("VR-" + java.util.UUID.randomUUID()).setSentAt(Instant.now()).setRequestingUnit("ZWFWZX")
                .setRequestingAgent("window.agent").setIssuingUnit("GAJ").setAssignedAgent("gaj.agent")
                .setServiceItemCode(s.serviceItemCode()).setApplicationId(s.applicationId()).setItemKind(ItemKind.INSTANT)
                .setDataBacked(false).setProofType(s.proofType()).setSubjectType(SubjectType.PERSON).setSubjectId(s.subject().id())
                .setSubjectName(s.subject().name()).setQueryLetter(s.queryLetter()).setReceivedAt(Instant.now()).setDeadline(Instant.now())
                .setReturnUntil(Instant.now()).build();
        ByteBuffer buf = VerificationRequestMessage.getEncoder().encode(m);
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
    }
}
