package org.proofhub.hub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * What the harness gives a benchmark.
 *
 * @param projectDirectory the repository root: {@code connectors/}, {@code mappings/} and {@code routes/} live here
 * @param workDirectory    a fresh directory of this benchmark's own under {@code target/bench/}, for data directories and logs
 * @param hubClasspath     the hub's runtime class path (main classes and runtime dependencies, no test classes), for child JVMs
 */
public record BenchContext(Path projectDirectory, Path workDirectory, String hubClasspath) {

    /** A TCP port free at the time of asking. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }
}
