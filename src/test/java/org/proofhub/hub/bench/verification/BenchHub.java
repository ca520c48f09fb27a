package org.proofhub.hub.bench.verification;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.proofhub.hub.bench.Await;
import org.proofhub.hub.bench.InProcessHub;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The real hub in this JVM for a verification benchmark ({@link InProcessHub}): embedded PostgreSQL and Artemis
 * under {@code dataDirectory}, the smallest demo (its units, accounts and rosters), no live changes, and
 * request-carried item terms: the benches ask for item {@code 350100-HJ-0001} with the kind and limit in the
 * request ({@code hub.verification.item-terms=request}), not as the published list would have it.
 */
final class BenchHub {
    private BenchHub() {
    }

    /** What every verification bench passes to the hub (the child JVM of the heap bench too). */
    static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("hub.demo.persons", "200");
        p.put("hub.demo.legal-entities", "50");
        p.put("hub.demo.live-changes-per-second", "0");
        p.put("hub.verification.item-terms", "request");
        p.put("logging.level.org.proofhub.hub.verification", "WARN");
        return p;
    }

    static InProcessHub start(Path projectDirectory, Path dataDirectory) throws Exception {
        return start(projectDirectory, dataDirectory, Map.of());
    }

    /** With {@code extra} hub properties besides {@link #properties()}. */
    static InProcessHub start(Path projectDirectory, Path dataDirectory, Map<String, String> extra) throws Exception {
        Map<String, String> all = properties();
        all.putAll(extra);
        InProcessHub hub = InProcessHub.start(projectDirectory, dataDirectory, all);
        try {
            // the slots are on the departments' server
            awaitChangeDataCapture(new JdbcTemplate(hub.database("postgres")));
        } catch (Exception | Error e) {
            hub.close();
            throw e;
        }
        return hub;
    }

    /** Bulk inserts slow the database down: let the CDC connectors finish starting first, or they time out. */
    private static void awaitChangeDataCapture(JdbcTemplate db) throws Exception {
        Await.until("two active replication slots (the hub's CDC connectors started)", Duration.ofMinutes(2), Duration.ofMillis(250), () -> {
            Long active = db.queryForObject("select count(*) from pg_replication_slots where active", Long.class);
            return active != null && active >= 2;
        });
    }
}
