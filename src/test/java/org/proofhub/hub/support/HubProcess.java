package org.proofhub.hub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.proofhub.hub.HubApplication;
import org.proofhub.hub.platform.EmbeddedPostgresServer;

/**
 * A hub in a JVM of its own on an existing PostgreSQL server (its database {@code hub}, the demo departments'
 * databases), with its own data directory (broker journal, keys) and HTTP port: to be killed, restarted, or run
 * next to another instance. Its output goes to {@code <name>.log} beside the data directory.
 */
public final class HubProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private HubProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code HubApplication} without the demo; {@code extra} are further {@code --key=value} arguments. */
    public static HubProcess start(Path dataDir, String name, int port, EmbeddedPostgresServer pg, String cdcPassword, String... extra)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-Djava.io.tmpdir=" + dataDir.getParent(), "-cp", System.getProperty("java.class.path"), HubApplication.class.getName(),
                "--server.port=" + port,
                "--hub.data-dir=" + dataDir,
                "--hub.embedded-postgres.enabled=false",
                "--hub.embedded-postgres.actual-port=" + pg.port(),
                "--spring.datasource.url=" + pg.jdbcUrl("hub"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--hub.demo.enabled=false",
                "--hub.demo.cdc-password=" + cdcPassword,
                "--CREDIT_POLL_INTERVAL_MS=60000"));
        cmd.addAll(List.of(extra));
        Files.createDirectories(dataDir);
        Path log = dataDir.resolveSibling(name + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new HubProcess(p, port, log);
    }

    /** Waits until the hub's health is UP (the process must stay alive meanwhile). */
    public HubProcess awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).as("hub process alive, see " + log).isTrue();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        });
        return this;
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no flush, sockets closed by the operating system. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** A normal stop (SIGTERM), waited for; a hub that has not stopped after a minute is killed, so no run hangs on it. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
