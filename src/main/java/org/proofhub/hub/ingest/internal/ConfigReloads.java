package org.proofhub.hub.ingest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.proofhub.hub.ingest.ConfigInstances;
import org.proofhub.hub.ingest.IngestConfig;
import org.proofhub.hub.platform.InvalidConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * A reload reaches every hub instance on the database. The instance asked reads and applies its own files, then counts
 * the reload in {@code ingest_config_reload}; every instance looks at the count each {@code hub.ingest.leadership-interval}
 * and, when it has moved, reads and applies its own files too, since any of them may run a connector tomorrow. Each
 * records in {@code ingest_config_instance} the reload it applied and a digest of the files it read, or why it could not
 * apply them (files that do not validate: it keeps what it runs; connectors that would not start or stop: the files are
 * in use, the problem is kept with their digest): operators see an instance whose files differ from the others'.
 */
final class ConfigReloads implements ConfigInstances {
    private static final Logger log = LoggerFactory.getLogger(ConfigReloads.class);

    private final JdbcTemplate jdbc;
    private final IngestConfigLoader loader;
    private final Path directory;
    private final ConnectorOperations connectors;
    private final String instanceId;
    private final Clock clock;
    /** The reload this instance applied or tried; guarded by this. */
    private long applied;

    ConfigReloads(JdbcTemplate jdbc, IngestConfigLoader loader, Path directory, ConnectorOperations connectors, String instanceId,
                  Clock clock) {
        this.jdbc = jdbc;
        this.loader = loader;
        this.directory = directory;
        this.connectors = connectors;
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /** At start the files just read are what this instance runs: it counts as having applied the latest reload. */
    synchronized void started() {
        applied = generation();
        record(applied, digest(directory), null);
    }

    /** A reload asked of this instance: applied here (or refused, changing nothing), then counted for the others. */
    synchronized IngestConfig reloadHere(String requestedBy) {
        IngestConfig next = loader.load(directory);
        // files that do not validate change nothing, here or elsewhere; files in use whose connectors would not all start
        // or stop are counted all the same, so that every instance runs the same files
        RuntimeException notInFull = null;
        try {
            connectors.apply(next);
        } catch (RuntimeException e) {
            notInFull = e;
        }
        applied = jdbc.queryForObject("""
                insert into ingest_config_reload (id, generation, requested_by, requested_at) values (1, 1, ?, ?)
                on conflict (id) do update set generation = ingest_config_reload.generation + 1,
                    requested_by = excluded.requested_by, requested_at = excluded.requested_at
                returning generation""", Long.class, requestedBy, Timestamp.from(clock.instant()));
        record(applied, digest(directory), notInFull == null ? null : notInFull.getMessage());
        if (notInFull != null) {
            throw notInFull;
        }
        return next;
    }

    /** Applies this instance's files when another instance was asked to reload since. */
    @Scheduled(fixedDelayString = "${hub.ingest.leadership-interval:2s}", initialDelayString = "${hub.ingest.leadership-interval:2s}")
    synchronized void follow() {
        long latest;
        try {
            latest = generation();
        } catch (DataAccessException e) {
            // the connector leadership reports a lost database; the next look will find the reload
            log.debug("cannot look for reloads: {}", e.getMessage());
            return;
        }
        if (latest <= applied) {
            return;
        }
        applied = latest;
        IngestConfig next;
        try {
            next = loader.load(directory);
        } catch (InvalidConfigurationException e) {
            // the files are the operator's to mend (each problem names its file and key); this instance keeps what it runs
            record(latest, null, e.getMessage());
            log.warn("reload {} asked on another instance is not applied here, the connectors keep running as before: {}", latest,
                    e.getMessage());
            return;
        }
        String digest = digest(directory);
        try {
            connectors.apply(next);
            record(latest, digest, null);
            log.info("applied reload {} of connectors/ and mappings/ from {}, asked on another instance", latest, directory);
        } catch (RuntimeException e) {
            record(latest, digest, e.getMessage());
            log.warn("reload {} asked on another instance is in use here, but: {}", latest, e.getMessage());
        }
    }

    @Override
    public List<Instance> instances() {
        return jdbc.query("""
                select i.instance_id, i.generation, i.files_digest, i.problem, i.applied_at,
                       exists (select 1 from pg_stat_activity a where a.application_name = ? || i.instance_id)
                from ingest_config_instance i order by i.instance_id""",
                (rs, n) -> new Instance(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getBoolean(6), rs.getString(1).equals(instanceId)),
                ConnectorLeadership.APPLICATION_NAME_PREFIX);
    }

    private long generation() {
        Long g = jdbc.queryForObject("select (select generation from ingest_config_reload where id = 1)", Long.class);
        return g == null ? 0 : g;
    }

    private void record(long generation, String digest, String problem) {
        jdbc.update("""
                insert into ingest_config_instance (instance_id, generation, files_digest, problem, applied_at) values (?, ?, ?, ?, ?)
                on conflict (instance_id) do update set generation = excluded.generation, files_digest = excluded.files_digest,
                    problem = excluded.problem, applied_at = excluded.applied_at""",
                instanceId, generation, digest, problem, Timestamp.from(clock.instant()));
    }

    /** SHA-256 over the relative path and the bytes of every file under {@code connectors/} and {@code mappings/}. */
    static String digest(Path directory) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String top : List.of(IngestConfigLoader.CONNECTORS_DIR, IngestConfigLoader.MAPPINGS_DIR)) {
                Path root = directory.resolve(top);
                if (!Files.isDirectory(root)) {
                    continue;
                }
                List<Path> files;
                try (Stream<Path> walk = Files.walk(root)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    sha.update(directory.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                    sha.update(Files.readAllBytes(f));
                    sha.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("the configuration under " + directory + " cannot be read", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
