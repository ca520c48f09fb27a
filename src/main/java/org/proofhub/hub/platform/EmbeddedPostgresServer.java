package org.proofhub.hub.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from the hub's data directory, with logical WAL so that change-data
 * capture works against it. Closed last: every pool and consumer depends on it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private volatile EmbeddedPostgresServer departments;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, Map.of());
    }

    /** As {@link #start(Path, int)}, with further postgresql.conf {@code settings} that win over the hub's own. */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Map<String, String> settings) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // Spring closes this bean last; zonky's own hook would race the pools still draining
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "32")
                    .setServerConfig("max_wal_senders", "32")
                    // zonky turns these off for tests (it starts postgres with -F, and synchronous_commit off); the hub
                    // promises that an accepted request, a record or an issued proof survives a power cut, not only a
                    // crash of the process, so both stay on. Until 2026-11-27 fsync was off: every benchmark before that
                    // measured a server that never flushed its WAL or data files (docs/verification.md, seventh round)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "256MB")
                    // A new 16 MB WAL segment is written full of zeros first, holding the WAL write lock while every
                    // commit waits (bench verification, 1,000 acceptances/s on a fresh server, before checkpoints leave
                    // segments to recycle: a new segment every 2-3 s; backends waiting on that lock in 454 samples
                    // against 115 without). Without, the file is created sparse and filled by the WAL writes
                    // themselves, each flushed before its commit returns. Measured while fsync was still off (above);
                    // with fsync on, one run each: 1,805 accepts/s and a p99 of 24.5 ms with it off, 1,741/s and 32.8 ms on.
                    .setServerConfig("wal_init_zero", "off");
            settings.forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
            log.info("Embedded PostgreSQL listening on port {} with data in {}", pg.getPort(), dataDirectory);
            return new EmbeddedPostgresServer(pg, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start from " + dataDirectory, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The server of the demo's department databases: a second embedded server, or this one. */
    public EmbeddedPostgresServer departments() {
        EmbeddedPostgresServer d = departments;
        return d == null ? this : d;
    }

    /** Makes {@code server} the departments' server; it is closed with this one. */
    void departmentsOn(EmbeddedPostgresServer server) {
        this.departments = server;
    }

    /** Whether {@code database} exists on this server. */
    public boolean hasDatabase(String database) {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            return exists(c, database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the databases of the embedded PostgreSQL", e);
        }
    }

    private static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** Creates {@code database} unless it exists. */
    public void ensureDatabase(String database) {
        ensureDatabase(postgres.getPostgresDatabase(), database);
    }

    static void ensureDatabase(DataSource admin, String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name '" + database + "' must be lower-case letters, digits and _");
        }
        try (Connection c = admin.getConnection()) {
            if (exists(c, database)) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("create database " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
    }

    public DataSource adminDataSource() {
        return postgres.getPostgresDatabase();
    }

    /** A superuser data source for {@code database} on this server. */
    public DataSource database(String database) {
        return postgres.getDatabase("postgres", database);
    }

    @Override
    public void close() {
        EmbeddedPostgresServer d = departments;
        if (d != null) {
            d.close();
        }
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
