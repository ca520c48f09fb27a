package org.proofhub.hub.bench.verification;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prints a benchmark's figures as JSON, one object per metric ({@code id, value, unit, goal, met}) the way
 * {@code bench/run}'s results name them, then its details. Goals are reported, never enforced.
 */
final class BenchOutput {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final java.util.List<Map<String, Object>> metrics = new java.util.ArrayList<>();

    BenchOutput metric(String id, double value, String unit, String goal, Boolean met) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("value", Math.round(value * 100) / 100.0);
        m.put("unit", unit);
        if (goal != null) {
            m.put("goal", goal);
            m.put("met", met);
        }
        metrics.add(m);
        return this;
    }

    BenchOutput atLeast(String id, double value, String unit, double goal) {
        return metric(id, value, unit, ">= " + goal, value >= goal);
    }

    BenchOutput atMost(String id, double value, String unit, double goal) {
        return metric(id, value, unit, "<= " + goal, value <= goal);
    }

    BenchOutput detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    String json() throws Exception {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("metrics", metrics);
        all.put("details", details);
        all.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(),
                "maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024), "java", System.getProperty("java.version"),
                "loadAverageAtEnd", loadAverage()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all);
    }

    /** Other work on the machine skews every figure: the 1-, 5- and 15-minute load averages say how much there was. */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * CPU time used so far by this JVM and by the PostgreSQL processes serving {@code dataDirectory}, in
     * milliseconds: divided by the work done it says what the work costs, however busy the machine is.
     */
    static long cpuMillis(java.nio.file.Path dataDirectory) {
        return jvmCpuMillis() + postgresCpuMillis(dataDirectory);
    }

    static long jvmCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    static long postgresCpuMillis(java.nio.file.Path dataDirectory) {
        long ticks = 0;
        long hz = 100;
        java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        String marker = dataDirectory.toString();
        long postmaster = -1;
        if (procs != null) {
            for (java.io.File p : procs) {
                try {
                    String cmd = java.nio.file.Files.readString(p.toPath().resolve("cmdline")).replace('\0', ' ');
                    if (cmd.contains("postgres -D " + marker)) {
                        postmaster = Long.parseLong(p.getName());
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // processes come and go
                }
            }
            for (java.io.File p : procs) {
                try {
                    String[] stat = java.nio.file.Files.readString(p.toPath().resolve("stat")).replaceAll("^.*\\) ", "").split(" ");
                    long pid = Long.parseLong(p.getName());
                    long ppid = Long.parseLong(stat[1]);
                    if (postmaster > 0 && (pid == postmaster || ppid == postmaster)) {
                        ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // processes come and go
                }
            }
        }
        return ticks * 1000 / hz;
    }

    /** The q-quantile of {@code sorted} nanosecond samples, in milliseconds. */
    static double quantileMs(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static long[] sorted(java.util.List<long[]> parts, int[] lengths) {
        int total = Arrays.stream(lengths).sum();
        long[] all = new long[total];
        int at = 0;
        for (int i = 0; i < parts.size(); i++) {
            System.arraycopy(parts.get(i), 0, all, at, lengths[i]);
            at += lengths[i];
        }
        Arrays.sort(all);
        return all;
    }
}
