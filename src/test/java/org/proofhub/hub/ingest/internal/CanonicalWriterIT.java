package org.proofhub.hub.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.ingest.IngestProperties;
import org.proofhub.hub.ingest.SourceChange;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.EmbeddedPostgresServer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The canonical writer against a real PostgreSQL with the hub's schema and pool settings (batched inserts
 * rewritten to multi-row statements): whole batches of inserts and updates, redelivery, and quarantined
 * changes superseded only by a newer applied change of the same source row.
 */
class CanonicalWriterIT {
    private static final String TABLE = "public.RK_JBXX";
    private static EmbeddedPostgresServer server;
    private static HikariDataSource dataSource;
    private static IngestService ingest;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "canonical-writer-it");
        server = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
        server.ensureDatabase("hub");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl("hub"));
        config.setUsername("postgres");
        config.setPassword("postgres");
        // as the hub's own pool (EmbeddedPostgresConfiguration, application.yml)
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        Clock clock = Clock.systemUTC();
        ingest = new IngestService(MappingEngineTest.CONFIG, dataSource, DataProtection.fromDirectory(dir.resolve("keys")), clock,
                new IngestMetrics(new SimpleMeterRegistry(), clock),
                new IngestProperties(".", false, 500, 20_000, Duration.ofSeconds(60), 500, Duration.ofMillis(50), Duration.ofSeconds(2)),
                new QuarantineCodec());
    }

    @AfterAll
    static void stop() {
        ingest.close();
        dataSource.close();
        server.close();
    }

    @Test
    void insertsAndUpdatesInWholeBatchesAndIgnoresRedelivery() {
        int people = 700;
        List<SourceChange> changes = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            changes.add(change("W" + i, 1_000 + i, citizenId("659002", i), "五四路 " + i + " 号"));
        }
        for (int i = 0; i < people; i++) {
            changes.add(change("W" + i, 5_000 + i, citizenId("659002", i), "东街 " + i + " 号"));
        }
        acceptAll(changes);

        assertThat(count("select count(*) from canonical_record where kind = 'Person' and record_key like '659002%'")).isEqualTo(people);
        assertThat(count("select count(*) from canonical_history where record_key like '659002%'")).isEqualTo(2L * people);
        assertThat(jdbc.queryForObject("select version from canonical_record where kind = 'Person' and record_key = ?", Long.class,
                citizenId("659002", 42))).isEqualTo(2);
        assertThat(jdbc.queryForObject("select payload->>'householdAddress' from canonical_record where kind = 'Person' and record_key = ?",
                String.class, citizenId("659002", 42))).isEqualTo("东街 42 号");
        assertThat(jdbc.queryForObject("select last_position from source_link where connector_id = 'population' and source_key = 'W42'",
                Long.class)).isEqualTo(5_042);

        acceptAll(changes.subList(people - 10, people + 10));
        assertThat(count("select count(*) from canonical_history where record_key like '659002%'")).isEqualTo(2L * people);
    }

    @Test
    void aQuarantinedChangeIsSupersededOnlyByANewerAppliedChangeOfItsRow() {
        String valid = citizenId("659003", 1);
        String wrongCheckCharacter = valid.substring(0, 17) + (valid.charAt(17) == '0' ? '1' : '0');
        acceptAll(List.of(change("Q1", 100, wrongCheckCharacter, "坏号码路 1 号")));
        assertThat(quarantineStatus()).isEqualTo("PENDING");

        acceptAll(List.of(change("Q1", 50, valid, "旧路 1 号")));
        assertThat(quarantineStatus()).as("an older change does not supersede").isEqualTo("PENDING");

        acceptAll(List.of(change("Q1", 200, valid, "新路 1 号")));
        assertThat(quarantineStatus()).isEqualTo("SUPERSEDED");
    }

    /**
     * A connector's lag is how far the canonical store is behind what the hub received: the age of the oldest change not
     * yet durable, and 0 once everything is written — an idle source is not behind (it used to keep the last change's lag).
     */
    @Test
    void lagIsTheAgeOfTheOldestChangeNotYetDurableAndZeroOnceCaughtUp() throws Exception {
        Clock ninetySecondsLater = Clock.fixed(Instant.parse("2026-11-26T10:01:30Z"), java.time.ZoneOffset.UTC);
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry(), ninetySecondsLater);
        try (IngestService lagging = new IngestService(MappingEngineTest.CONFIG, dataSource,
                DataProtection.fromDirectory(Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "lag-keys")),
                ninetySecondsLater, metrics, new IngestProperties(".", false, 500, 20_000, Duration.ofSeconds(60), 500, Duration.ofMillis(50), Duration.ofSeconds(2)),
                new QuarantineCodec())) {
            assertThat(metrics.lagMs("population")).as("nothing received yet").isNull();
            CompletableFuture<Void> written;
            try (java.sql.Connection blocker = dataSource.getConnection()) {
                blocker.setAutoCommit(false);
                blocker.createStatement().execute("lock table canonical_record in access exclusive mode");
                written = lagging.accept(change("L1", 10, citizenId("659004", 1), "滞后路 1 号"));
                // the change was committed at the source at 10:00:00 and is still not durable at 10:01:30
                assertThat(metrics.lagMs("population")).isEqualTo(90_000L);
                blocker.commit();
            }
            written.join();
            assertThat(metrics.lagMs("population")).isZero();
        }
    }

    private static String quarantineStatus() {
        return jdbc.queryForObject("select status from quarantine where connector_id = 'population' and source_position = 100", String.class);
    }

    private static void acceptAll(List<SourceChange> changes) {
        CompletableFuture.allOf(changes.stream().map(ingest::accept).toArray(CompletableFuture[]::new)).join();
    }

    private static long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    /** A valid ID of area 659002 (an area of its own per test), born 1980-01-01, sequence {@code i} below 1000. */
    private static String citizenId(String area, int i) {
        String body = area + "19800101" + String.format("%03d", i);
        return body + CitizenIds.checkCharacter(body);
    }

    private static SourceChange change(String rkbh, long position, String citizenId, String address) {
        Map<String, Object> row = MappingEngineTest.person();
        row.put("RKBH", rkbh);
        row.put("GMSFHM", citizenId);
        row.put("CSRQ", "19800101");
        row.put("HJDZ", address);
        return new SourceChange("population", TABLE, rkbh, position, SourceChange.Operation.UPSERT,
                Instant.parse("2026-11-26T10:00:00Z"), row);
    }
}
