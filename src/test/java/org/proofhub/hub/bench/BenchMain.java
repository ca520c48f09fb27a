package org.proofhub.hub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bench/run [--list] [name...]}: runs all benchmarks, or the named ones, one after the other, and
 * writes each one's figures to {@code bench/results/<name>.json}. A benchmark that fails writes no file and
 * makes the exit status 1; the others still run.
 *
 * <p>System properties: {@code bench.project-dir} (the repository root, default the working directory) and
 * {@code bench.hub-classpath} (the hub's runtime class path for child JVMs; {@code bench/run} sets both).
 */
public final class BenchMain {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchMain() {
    }

    public static void main(String[] args) throws IOException {
        List<Benchmark> all = Benchmarks.all();
        if (List.of(args).contains("--list") || List.of(args).contains("--help")) {
            System.out.println("usage: bench/run [name...]   (no name: all, in this order)");
            all.forEach(b -> System.out.printf("  %-12s %s%n", b.name(), b.description()));
            return;
        }
        List<Benchmark> chosen = choose(all, args);
        Path project = Path.of(System.getProperty("bench.project-dir", ".")).toAbsolutePath().normalize();
        String hubClasspath = System.getProperty("bench.hub-classpath", System.getProperty("java.class.path"));
        List<String> failed = new ArrayList<>();
        List<Metric> summary = new ArrayList<>();
        for (Benchmark b : chosen) {
            Path work = project.resolve("target").resolve("bench").resolve(b.name());
            deleteRecursively(work);
            Files.createDirectories(work);
            System.out.println("=== bench " + b.name() + ": " + b.description());
            System.out.println("    dirty pages written first (sync): " + Machine.flushDirtyPages().toMillis() + " ms");
            Instant started = Instant.now();
            String loadBefore = Machine.loadAverage();
            try {
                BenchResult result = b.run(new BenchContext(project, work, hubClasspath));
                Path file = write(project, b, result, started, loadBefore);
                summary.addAll(result.metrics());
                System.out.println("=== bench " + b.name() + " done: " + project.relativize(file));
            } catch (Exception | AssertionError e) {
                failed.add(b.name());
                System.err.println("=== bench " + b.name() + " FAILED: " + e);
                e.printStackTrace();
            }
        }
        System.out.println();
        summary.forEach(System.out::println);
        System.out.println("load average now: " + Machine.loadAverage());
        if (!failed.isEmpty()) {
            System.err.println("failed: " + failed);
            System.exit(1);
        }
        // the in-process hub leaves non-daemon threads behind (Tomcat, Artemis) even when closed
        System.exit(0);
    }

    private static List<Benchmark> choose(List<Benchmark> all, String[] names) {
        if (names.length == 0) {
            return all;
        }
        List<Benchmark> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all.stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("no benchmark '" + name + "'; known: "
                            + all.stream().map(Benchmark::name).toList())));
        }
        return chosen;
    }

    private static Path write(Path project, Benchmark b, BenchResult result, Instant started, String loadBefore) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", b.name());
        json.put("description", b.description());
        json.put("metrics", result.metrics().stream().map(Metric::toJson).toList());
        json.put("date", started.truncatedTo(ChronoUnit.SECONDS).toString());
        json.put("durationSeconds", Instant.now().getEpochSecond() - started.getEpochSecond());
        json.put("loadAverageBefore", loadBefore);
        json.put("loadAverageAfter", Machine.loadAverage());
        json.put("machine", Machine.describe());
        json.put("git", Machine.git(project));
        json.put("details", result.details());
        Path dir = project.resolve("bench").resolve("results");
        Files.createDirectories(dir);
        Path file = dir.resolve(b.name() + ".json");
        // written whole or not at all: a half-written file would pass for a result
        Path tmp = dir.resolve(b.name() + ".json.tmp");
        JSON.writeValue(tmp.toFile(), json);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
