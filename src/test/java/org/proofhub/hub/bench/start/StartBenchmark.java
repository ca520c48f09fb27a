package org.proofhub.hub.bench.start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.proofhub.hub.bench.Await;
import org.proofhub.hub.bench.BenchContext;
import org.proofhub.hub.bench.BenchResult;
import org.proofhub.hub.bench.Benchmark;
import org.proofhub.hub.bench.ChildJvm;
import org.proofhub.hub.bench.HubHttp;
import org.proofhub.hub.bench.Metric;

/**
 * {@code start.ready_s}: the default run from a fresh data directory — embedded PostgreSQL initialised,
 * Flyway, the four demo departments created and seeded at the default size, Artemis, every connector —
 * timed from launching the JVM until health says UP and every enabled connector says Started. Started
 * {@code bench.start.runs} times (default 3), each from a fresh data directory; the metric is the median,
 * because on a shared 2-core machine a single start varied between 15 and 84 s.
 */
public final class StartBenchmark implements Benchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final int RUNS = Integer.getInteger("bench.start.runs", 3);
    private static final Pattern SPRING_READY = Pattern.compile("Proof Hub is ready in (\\d+) ms");
    private static final Pattern DEMO_READY = Pattern.compile("demo departments ready in (\\d+) ms");

    @Override
    public String name() {
        return "start";
    }

    @Override
    public String description() {
        return "default run, fresh data directory: JVM launch until health UP and all connectors Started (median of "
                + RUNS + ")";
    }

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 1; i <= RUNS; i++) {
            Map<String, Object> run = startOnce(context, context.workDirectory().resolve("run-" + i));
            seconds.add((Double) run.get("readySeconds"));
            runs.add(run);
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        return new BenchResult()
                .metric(Metric.of("start.ready_s", sorted.get(sorted.size() / 2), "s").atMost(30))
                .detail("runs", runs)
                .detail("method", "child JVM `java -XX:TieredStopAtLevel=1 -cp <runtime class path> org.proofhub.hub.HubApplication`"
                        + " in the repository (as spring-boot:run forks it)"
                        + " with a fresh --hub.data-dir and the default demo size, polled every 50 ms until GET /actuator/health"
                        + " is UP and GET /api/ingest/connectors (ops) shows every enabled connector Started; the median of "
                        + RUNS + " starts; Maven is not part of the time");
    }

    private static Map<String, Object> startOnce(BenchContext context, Path work) throws Exception {
        Path log = Files.createDirectories(work).resolve("hub.log");
        // the bench's own temp directory: zonky's PostgreSQL binaries are unpacked there already, as they are for a
        // developer's second run; unpacking them again would add seconds no warm start pays
        String tmp = System.getProperty("java.io.tmpdir");
        int port = BenchContext.freePort();
        // as `mvn spring-boot:run` forks it: main class, runtime class path, the repository as working directory and
        // the plugin's optimizedLaunch (C1 only), which starts faster than with C2 compiling beside it
        long launched = System.nanoTime();
        Map<String, String> states;
        long ready;
        try (ChildJvm hub = ChildJvm.start(context.projectDirectory(), log, List.of("-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp),
                context.hubClasspath(), "org.proofhub.hub.HubApplication",
                List.of("--hub.data-dir=" + work.resolve("data"), "--server.port=" + port))) {
            HubHttp http = new HubHttp(port);
            ready = Await.until("the hub to be UP with every connector Started (log: " + log + ")", TIMEOUT, Duration.ofMillis(50), () -> {
                if (!hub.isAlive()) {
                    throw new IllegalStateException("the hub exited with status " + hub.exitValue() + " during start; see " + log);
                }
                return http.healthUp() && allStarted(http.connectorStates());
            });
            states = http.connectorStates();
        }
        String output = Files.readString(log);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("readySeconds", Math.round((ready - launched) / 1e7) / 100.0);
        run.put("springReportedReadyMs", firstNumber(SPRING_READY, output));
        run.put("demoDepartmentsReadyMs", firstNumber(DEMO_READY, output));
        run.put("connectors", states);
        return run;
    }

    private static boolean allStarted(Map<String, String> states) {
        return !states.isEmpty() && states.values().stream().allMatch("Started"::equals);
    }

    private static Long firstNumber(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }
}
