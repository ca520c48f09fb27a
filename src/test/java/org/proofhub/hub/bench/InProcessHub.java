package org.proofhub.hub.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.proofhub.hub.HubApplication;
import org.proofhub.hub.platform.EmbeddedPostgresServer;
import org.proofhub.hub.platform.HubProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real hub, started in this JVM exactly as {@code HubApplication} starts it, with its data in a
 * directory of the benchmark's and a random HTTP port. Closing it stops Camel, Artemis and PostgreSQL
 * in the hub's own order.
 */
public final class InProcessHub implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final Thread closeOnExit;

    private InProcessHub(ConfigurableApplicationContext context) {
        this.context = context;
        // an interrupted bench must not leave PostgreSQL running: its server is a child process
        this.closeOnExit = new Thread(context::close, "bench-hub-close");
        Runtime.getRuntime().addShutdownHook(closeOnExit);
    }

    /**
     * Starts the hub from {@code projectDirectory}'s connector, mapping and route files with its data in
     * {@code dataDirectory}; {@code properties} are passed as command-line arguments, which win over application.yml.
     */
    public static InProcessHub start(Path projectDirectory, Path dataDirectory, Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        args.add("--hub.data-dir=" + dataDirectory);
        args.add("--hub.ingest.config-directory=" + projectDirectory);
        args.add("--server.port=0");
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new InProcessHub(new SpringApplication(HubApplication.class).run(args.toArray(String[]::new)));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public HubHttp http() {
        return new HubHttp(port());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** A superuser data source (unpooled) for a demo department's database (on their embedded server). */
    public DataSource database(String name) {
        return bean(EmbeddedPostgresServer.class).departments().database(name);
    }

    public DataSource hubDatabase() {
        return bean(EmbeddedPostgresServer.class).database(bean(HubProperties.class).embeddedPostgres().hubDatabase());
    }

    public int postgresPort() {
        return bean(EmbeddedPostgresServer.class).port();
    }

    @Override
    public void close() {
        context.close();
        try {
            Runtime.getRuntime().removeShutdownHook(closeOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down and the hook will run or has run
        }
    }
}
