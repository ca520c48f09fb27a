package org.proofhub.hub.ingest;

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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.HubApplication;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.demo.DemoDepartmentSeeder;
import org.proofhub.hub.demo.DemoSize;
import org.proofhub.hub.ingest.check.CitizenIds;
import org.proofhub.hub.platform.EmbeddedPostgresServer;
import org.proofhub.hub.support.RunDirectories;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hub runs in a separate JVM that is killed (SIGKILL) while a department keeps changing rows;
 * started again, it delivers every change exactly once: each change is one history entry, versions
 * run 1..n without gaps or repeats, and the current state is the source's last state.
 */
class CrashRecoveryIT {
    static final String CDC_PASSWORD = "crash-test-cdc";
    static final Path DIR = RunDirectories.next("crash");
    static EmbeddedPostgresServer pg;
    static JdbcTemplate population;
    static JdbcTemplate hub;
    Process child;

    @BeforeAll
    static void departments() throws Exception {
        pg = EmbeddedPostgresServer.start(DIR.resolve("postgres"), 0);
        pg.ensureDatabase("hub");
        var ds = DemoDepartmentSeeder.prepareServer(pg::database, CDC_PASSWORD);
        new DemoDepartmentSeeder(ds).seed(7, new DemoSize(200, 50));
        population = new JdbcTemplate(ds.get(DemoDepartment.POPULATION));
        hub = new JdbcTemplate(pg.database("hub"));
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aKilledHubResumesAndEveryChangeArrivesExactlyOnce() throws Exception {
        int port = freePort();
        child = startHub(port, "run1");
        awaitReady(port);
        long clean = population.queryForObject("select count(*) from \"RK_JBXX\" where \"RKBH\" not in (select source_key from _demo_defect)", Long.class);
        await().atMost(Duration.ofSeconds(90)).until(() -> links() >= clean);

        int total = 3_000;
        AtomicInteger done = new AtomicInteger();
        List<String> keys = new ArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                // inserts of new people and address changes of the ones just inserted, one transaction each
                int n = i / 3;
                String rkbh = "RKC" + n;
                if (i % 3 == 0) {
                    String body = "350104" + "1985" + String.format("%02d%02d", 1 + n % 12, 1 + n % 28) + String.format("%03d", n % 1000);
                    population.update("""
                            insert into "RK_JBXX" ("RKBH", "GMSFHM", "XM", "XBDM", "MZDM", "CSRQ", "HJDZ", "RYZTDM", "GXSJ")
                            values (?, ?, '崩溃测试', '1', '01', ?, '地址0', '0', now())""",
                            rkbh, body + CitizenIds.checkCharacter(body), body.substring(6, 14));
                    synchronized (keys) {
                        keys.add(rkbh);
                    }
                } else {
                    population.update("update \"RK_JBXX\" set \"HJDZ\" = ? where \"RKBH\" = ?", "地址" + i, rkbh);
                }
                done.incrementAndGet();
            }
        }, "department-writer");
        writer.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> done.get() >= total / 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> history() > 0);
        child.destroyForcibly().waitFor();
        long atKill = history();
        writer.join();
        assertThat(atKill).as("the hub was killed mid-stream").isLessThan(total);

        child = startHub(port, "run2");
        awaitReady(port);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> history() >= total);

        assertThat(history()).as("one history entry per source change").isEqualTo(total);
        List<Map<String, Object>> gaps = hub.queryForList("""
                select record_key, count(*) as n, min(version) as lo, max(version) as hi, count(distinct version) as d
                from canonical_history where connector_id = 'population' and source_key like 'RKC%'
                group by record_key having count(*) <> 3 or min(version) <> 1 or max(version) <> 3 or count(distinct version) <> 3""");
        assertThat(gaps).as("every record has versions 1, 2, 3 exactly once").isEmpty();
        assertThat(hub.queryForObject("""
                select count(*) from canonical_record where kind = 'Person' and source_key like 'RKC%' and version = 3
                and payload ->> 'householdAddress' like '地址%'""", Long.class)).isEqualTo(total / 3);
        assertThat(hub.queryForObject("select count(*) from connector_offset where connector_id = 'population'", Long.class)).isPositive();
        child.destroy();
        child.waitFor();
    }

    long history() {
        return hub.queryForObject("select count(*) from canonical_history where connector_id = 'population' and source_key like 'RKC%'", Long.class);
    }

    long links() {
        return hub.queryForObject("select count(*) from source_link where connector_id = 'population' and kind = 'Person'", Long.class);
    }

    Process startHub(int port, String name) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-Djava.io.tmpdir=" + DIR, "-cp", System.getProperty("java.class.path"), HubApplication.class.getName(),
                "--server.port=" + port,
                "--hub.data-dir=" + DIR.resolve("hub"),
                "--hub.embedded-postgres.enabled=false",
                "--hub.embedded-postgres.actual-port=" + pg.port(),
                "--spring.datasource.url=" + pg.jdbcUrl("hub"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--hub.demo.enabled=false",
                "--hub.demo.cdc-password=" + CDC_PASSWORD,
                "--CREDIT_POLL_INTERVAL_MS=60000");
        Files.createDirectories(DIR);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(DIR.resolve(name + ".log").toFile()).start();
    }

    void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            assertThat(child.isAlive()).as("hub process alive, see " + DIR).isTrue();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"UP\"");
        });
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
