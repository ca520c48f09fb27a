package org.proofhub.hub.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time used so far by this JVM (in total, per Java thread group, and by its JIT compiler and GC
 * threads) and by one PostgreSQL server (postmaster, backends, WAL senders), read from the JVM and from
 * /proc. The difference of two readings says where a phase's time went, and CPU time per change is far
 * less disturbed than wall time by other work on a shared 2-core machine. Threads and processes that end
 * between the two readings are missing from the groups (not from the JVM total).
 */
public final class CpuUsage {
    private static final String JVM_TOTAL = "jvm (all, incl. GC and JIT)";
    private static final String JIT = "jvm JIT compiler threads";
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // Linux USER_HZ

    private final Map<String, Long> nanos;
    /** Machine-wide disk and page-cache counters, to tell a phase slowed by I/O from one slowed by CPU. */
    private final Map<String, Long> io;

    /** This JVM's allocation and collections: garbage per change decides how often the collector pauses everything. */
    private final Map<String, Long> heap;

    private CpuUsage(Map<String, Long> nanos, Map<String, Long> io, Map<String, Long> heap) {
        this.nanos = nanos;
        this.io = io;
        this.heap = heap;
    }

    /** A reading of this JVM and of the PostgreSQL server whose data directory is {@code postgresData}. */
    public static CpuUsage now(Path postgresData) {
        Map<String, Long> m = new HashMap<>();
        m.put(JVM_TOTAL, ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            long cpu = t == null ? -1 : threads.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                m.merge("thread " + t.getThreadName().replaceAll("\\d+", "N"), cpu, Long::sum);
            }
        }
        // JIT and GC threads are no Java threads: only /proc knows them
        forEachEntry(Path.of("/proc/self/task"), task -> {
            String[] stat = stat(task);
            String group = stat == null ? null : jvmInternalGroup(stat[0]);
            if (group != null) {
                m.merge(group, cpuNanos(stat), Long::sum);
            }
        });
        // pg_ctl starts the postmaster detached: it is found by its data directory, not as our descendant; the demo
        // departments' server (data directory postgres-departments beside it) matches the same prefix and is counted too
        String dataOption = "-D " + postgresData.toAbsolutePath().normalize();
        forEachEntry(Path.of("/proc"), proc -> {
            if (proc.getFileName().toString().matches("\\d+") && commandLine(proc).contains(dataOption)) {
                long postmaster = Long.parseLong(proc.getFileName().toString());
                m.merge("postgres postmaster", cpuNanos(stat(proc)), Long::sum);
                ProcessHandle.of(postmaster).ifPresent(pm -> pm.children().forEach(child -> {
                    Path childProc = Path.of("/proc", String.valueOf(child.pid()));
                    m.merge(postgresLabel(commandLine(childProc)), cpuNanos(stat(childProc)), Long::sum);
                }));
            }
        });
        return new CpuUsage(m, machineIo(), heap());
    }

    private static Map<String, Long> heap() {
        Map<String, Long> h = new HashMap<>();
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            h.put("allocatedBytes", t.getTotalThreadAllocatedBytes());
            long[] ids = t.getAllThreadIds();
            long[] bytes = t.getThreadAllocatedBytes(ids);
            ThreadInfo[] infos = t.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] != null && bytes[i] > 0) {
                    h.merge("thread " + infos[i].getThreadName().replaceAll("\\d+", "N"), bytes[i], Long::sum);
                }
            }
        }
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            // G1's and Parallel's beans count stop-the-world collections; ZGC's and Shenandoah's count cycles and their pauses
            h.merge("collections", Math.max(0, gc.getCollectionCount()), Long::sum);
            h.merge("collectionMs", Math.max(0, gc.getCollectionTime()), Long::sum);
        }
        return h;
    }

    /**
     * Disk reads and writes of whole disks (/proc/diskstats), page-cache refaults and major faults (/proc/vmstat), and the
     * time some task waited for I/O (/proc/pressure/io): a reading that explains stalls CPU time does not.
     */
    private static Map<String, Long> machineIo() {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
                String[] f = line.trim().split("\\s+");
                // whole virtual or SCSI disks only: partitions would count the same I/O twice
                if (f.length > 13 && f[2].matches("(vd|sd|xvd)[a-z]+")) {
                    m.merge("diskReads", Long.parseLong(f[3]), Long::sum);
                    m.merge("diskReadKiB", Long.parseLong(f[5]) / 2, Long::sum);
                    m.merge("diskWrites", Long.parseLong(f[7]), Long::sum);
                    m.merge("diskWrittenKiB", Long.parseLong(f[9]) / 2, Long::sum);
                    m.merge("diskReadWaitMs", Long.parseLong(f[6]), Long::sum);
                    m.merge("diskWriteWaitMs", Long.parseLong(f[10]), Long::sum);
                    m.merge("diskBusyMs", Long.parseLong(f[12]), Long::sum);
                    if (f.length > 19) {
                        m.merge("diskFlushes", Long.parseLong(f[18]), Long::sum);
                        m.merge("diskFlushWaitMs", Long.parseLong(f[19]), Long::sum);
                    }
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/vmstat"))) {
                String[] f = line.split(" ");
                if (f[0].equals("workingset_refault_file") || f[0].equals("pgmajfault")) {
                    m.put(f[0].equals("pgmajfault") ? "majorFaults" : "pageCacheRefaults", Long.parseLong(f[1]));
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/pressure/io"))) {
                String total = line.substring(line.indexOf("total=") + "total=".length()).trim();
                m.put(line.startsWith("some") ? "ioStallSomeMs" : "ioStallFullMs", Long.parseLong(total) / 1000);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or a kernel without these files: CPU figures only
        }
        return m;
    }

    /** The share of this JVM's CPU time since {@code earlier} that its JIT compiler threads took: high while it warms up. */
    public double jitShareSince(CpuUsage earlier) {
        long jvm = nanos.getOrDefault(JVM_TOTAL, 0L) - earlier.nanos.getOrDefault(JVM_TOTAL, 0L);
        long jit = nanos.getOrDefault(JIT, 0L) - earlier.nanos.getOrDefault(JIT, 0L);
        return jvm <= 0 ? 0 : (double) jit / jvm;
    }

    /** CPU used between {@code earlier} and this reading, in ms per group (largest first), and per change. */
    public Map<String, Object> since(CpuUsage earlier, long changes) {
        Map<String, Long> diff = new HashMap<>();
        nanos.forEach((k, v) -> diff.put(k, v - earlier.nanos.getOrDefault(k, 0L)));
        long postgres = diff.entrySet().stream().filter(e -> e.getKey().startsWith("postgres")).mapToLong(Map.Entry::getValue).sum();
        long jvm = diff.getOrDefault(JVM_TOTAL, 0L);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jvmMs", jvm / 1_000_000);
        out.put("postgresMs", postgres / 1_000_000);
        if (changes > 0) {
            out.put("jvmMicrosPerChange", jvm / 1_000 / changes);
            out.put("postgresMicrosPerChange", postgres / 1_000 / changes);
            // what one fully available core would do at this cost, whatever else ran on the machine
            out.put("changesPerCpuSecond", jvm + postgres == 0 ? null : Math.round(changes * 1e9 / (jvm + postgres)));
        }
        Map<String, Long> groups = new LinkedHashMap<>();
        diff.entrySet().stream().filter(e -> e.getValue() / 1_000_000 >= 10)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> groups.put(e.getKey(), e.getValue() / 1_000_000));
        out.put("msByThreadOrProcess", groups);
        Map<String, Long> machine = new LinkedHashMap<>();
        io.forEach((k, v) -> machine.put(k, v - earlier.io.getOrDefault(k, 0L)));
        out.put("machineIo", machine);
        Map<String, Object> jvmHeap = new LinkedHashMap<>();
        long allocated = heap.getOrDefault("allocatedBytes", 0L) - earlier.heap.getOrDefault("allocatedBytes", 0L);
        jvmHeap.put("allocatedMiB", allocated >> 20);
        if (changes > 0) {
            jvmHeap.put("allocatedBytesPerChange", allocated / changes);
        }
        jvmHeap.put("collections", heap.getOrDefault("collections", 0L) - earlier.heap.getOrDefault("collections", 0L));
        jvmHeap.put("collectionMs", heap.getOrDefault("collectionMs", 0L) - earlier.heap.getOrDefault("collectionMs", 0L));
        // threads that ended between the readings are missing here (not from the total)
        Map<String, Long> byThread = new LinkedHashMap<>();
        heap.entrySet().stream().filter(e -> e.getKey().startsWith("thread "))
                .map(e -> Map.entry(e.getKey(), (e.getValue() - earlier.heap.getOrDefault(e.getKey(), 0L)) >> 20))
                .filter(e -> e.getValue() >= 10).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> byThread.put(e.getKey(), e.getValue()));
        jvmHeap.put("allocatedMiBByThread", byThread);
        out.put("jvmHeap", jvmHeap);
        return out;
    }

    /** "postgres walsender hub_cdc", "postgres backend hub", "postgres checkpointer", ... from a child's command line. */
    private static String postgresLabel(String cmd) {
        if (!cmd.startsWith("postgres: ")) {
            return "postgres other";
        }
        String[] words = cmd.substring("postgres: ".length()).split(" ");
        if (words[0].equals("walsender")) {
            return "postgres walsender " + (words.length > 1 ? words[1] : "");
        }
        // a backend shows "<user> <database> <host>(<port>) <state>"; background processes their name
        return words.length > 2 && words[2].contains("(") ? "postgres backend " + words[1] : "postgres " + String.join(" ", words);
    }

    private static String jvmInternalGroup(String threadName) {
        if (threadName.contains("CompilerThre")) {
            return JIT;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "jvm GC threads";
        }
        return null;
    }

    private interface EntryAction {
        void accept(Path entry) throws IOException;
    }

    private static void forEachEntry(Path directory, EntryAction action) {
        try (var entries = Files.list(directory)) {
            entries.forEach(e -> {
                try {
                    action.accept(e);
                } catch (IOException | RuntimeException ignored) {
                    // a thread or process that ended while we looked: nothing to count
                }
            });
        } catch (IOException e) {
            // no /proc: Java thread figures only
        }
    }

    private static String commandLine(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** The command name, then the fields after it, of /proc/.../stat; null when it cannot be read. */
    private static String[] stat(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            String[] out = new String[rest.length + 1];
            out[0] = comm;
            System.arraycopy(rest, 0, out, 1, rest.length);
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    private static long cpuNanos(String[] stat) {
        // utime and stime are fields 14 and 15 of stat: 12 and 13 here, counting the command name as 0
        return stat == null ? 0 : (Long.parseLong(stat[12]) + Long.parseLong(stat[13])) * NANOS_PER_TICK;
    }
}
