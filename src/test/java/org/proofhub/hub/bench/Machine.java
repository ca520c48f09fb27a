package org.proofhub.hub.bench;

import java.io.IOException;
import java.time.Duration;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The context a figure needs to mean something: which machine, how busy it was, which JVM and which
 * commit. Load averages are read before and after each benchmark because other work on a 2-core
 * machine changes every figure.
 */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        m.put("memoryMiB", memTotalMiB());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        m.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") || a.startsWith("-XX")).toList());
        return m;
    }

    /** {@code uptime}'s load averages (1, 5, 15 minutes) and runnable/total tasks, from /proc/loadavg. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /**
     * Writes the page cache's dirty pages to disk ({@code sync}) and returns how long that took. A benchmark that writes
     * a lot (the audit chain's million entries) may leave dirty pages that the kernel would write back during the next
     * one, whose commits would wait behind them: each benchmark starts on a clean page cache instead.
     */
    static Duration flushDirtyPages() {
        long started = System.nanoTime();
        try {
            Process sync = new ProcessBuilder("sync").inheritIO().start();
            if (!sync.waitFor(10, TimeUnit.MINUTES)) {
                sync.destroyForcibly();
            }
        } catch (IOException e) {
            System.err.println("sync did not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The checked-out commit and whether the work tree had uncommitted changes. */
    static Map<String, Object> git(Path projectDirectory) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commit", run(projectDirectory, "git", "rev-parse", "HEAD"));
        m.put("branch", run(projectDirectory, "git", "rev-parse", "--abbrev-ref", "HEAD"));
        String status = run(projectDirectory, "git", "status", "--porcelain", "--untracked-files=no");
        m.put("dirty", status != null && !status.isBlank());
        return m;
    }

    private static String run(Path directory, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Long memTotalMiB() {
        String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        return kb == null ? null : Long.parseLong(kb.replaceAll("[^0-9]", "")) / 1024;
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
