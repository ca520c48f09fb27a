package org.proofhub.hub.bench.start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * timed from launching the JVM until health says UP and every enabled connector says Started.
 */
public final class StartBenchmark implements Benchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern SPRING_READY = Pattern.compile("Proof Hub is ready in (\\d+) ms");
    private static final Pattern DEMO_READY = Pattern.compile("demo departments ready in (\\d+) ms");

    @Override
    public String name() {
        return "start";
    }

    @Override
    public String description() {
        return "default run, fresh data directory: JVM launch until health UP and all connectors Started";
    }

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        Path data = context.workDirectory().resolve("data");
        // the bench's own temp directory: zonky's PostgreSQL binaries are unpacked there already, as they are for a
        // developer's second run; unpacking them again would add seconds no warm start pays
        Path tmp = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        Path log = context.workDirectory().resolve("hub.log");
        int port = BenchContext.freePort();
        // as `mvn spring-boot:run` runs it: main class, runtime class path, the repository as working
        // directory, no JVM options but the temp directory
        long launched = System.nanoTime();
        Map<String, String> states;
        long ready;
        try (ChildJvm hub = ChildJvm.start(context.projectDirectory(), log, List.of("-Djava.io.tmpdir=" + tmp),
                context.hubClasspath(), "org.proofhub.hub.HubApplication",
                List.of("--hub.data-dir=" + data, "--server.port=" + port))) {
            HubHttp http = new HubHttp(port);
            ready = Await.until("the hub to be UP with every connector Started (log: " + log + ")", TIMEOUT, Duration.ofMillis(50), () -> {
                if (!hub.isAlive()) {
                    throw new IllegalStateException("the hub exited with status " + hub.exitValue() + " during start; see " + log);
                }
                return http.healthUp() && allStarted(http.connectorStates());
            });
            states = http.connectorStates();
        }
        double seconds = (ready - launched) / 1e9;
        String output = Files.readString(log);
        return new BenchResult()
                .metric(Metric.of("start.ready_s", seconds, "s").atMost(30))
                .detail("connectors", states)
                .detail("springReportedReadyMs", firstNumber(SPRING_READY, output))
                .detail("demoDepartmentsReadyMs", firstNumber(DEMO_READY, output))
                .detail("method", "child JVM `java -cp <runtime class path> org.proofhub.hub.HubApplication` with a fresh"
                        + " --hub.data-dir and default demo size; polled every 50 ms: GET /actuator/health = UP and"
                        + " GET /api/ingest/connectors (ops) all enabled connectors Started; Maven is not part of the time");
    }

    private static boolean allStarted(Map<String, String> states) {
        return !states.isEmpty() && states.values().stream().allMatch("Started"::equals);
    }

    private static Long firstNumber(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }
}
