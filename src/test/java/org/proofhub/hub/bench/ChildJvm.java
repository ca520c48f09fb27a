package org.proofhub.hub.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by a benchmark, output to a log file, stopped like an operator stops it (SIGTERM, so
 * Spring shuts down in order) and forcibly, descendants included, if it does not stop in time; also when the
 * bench itself exits.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Thread stopOnExit;

    private ChildJvm(Process process) {
        this.process = process;
        this.stopOnExit = new Thread(this::stop, "bench-child-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts {@code java [jvmOptions] -cp classpath mainClass args} in {@code directory}, stdout and stderr to {@code log}. */
    public static ChildJvm start(Path directory, Path log, List<String> jvmOptions, String classpath, String mainClass,
                                 List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ChildJvm(p);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook will run or has run
        }
    }

    private void stop() {
        // PostgreSQL runs as a grandchild: known now, before an orphan would no longer be a descendant
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (process.waitFor(60, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
