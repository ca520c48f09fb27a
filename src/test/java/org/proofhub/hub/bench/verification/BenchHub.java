package org.proofhub.hub.bench.verification;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.HubApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real hub in this JVM for a verification benchmark: embedded PostgreSQL and Artemis under
 * {@code directory}, the smallest demo (its units, accounts and rosters), no live changes.
 */
final class BenchHub {
    private BenchHub() {
    }

    static ConfigurableApplicationContext start(Path directory, Map<String, String> properties) {
        List<String> args = new ArrayList<>(List.of(
                "--hub.data-dir=" + directory,
                "--server.port=0",
                "--hub.demo.persons=200", "--hub.demo.legal-entities=50", "--hub.demo.live-changes-per-second=0",
                "--logging.level.org.proofhub.hub.verification=WARN"));
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubApplication.class).run(args.toArray(String[]::new));
        awaitChangeDataCapture(hub.getBean(JdbcTemplate.class));
        return hub;
    }

    /** Bulk inserts slow the database down: let the CDC connectors finish starting first, or they time out. */
    private static void awaitChangeDataCapture(JdbcTemplate db) {
        long end = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < end) {
            Long active = db.queryForObject("select count(*) from pg_replication_slots where active", Long.class);
            if (active != null && active >= 2) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the hub's CDC connectors did not start within two minutes");
    }
}
