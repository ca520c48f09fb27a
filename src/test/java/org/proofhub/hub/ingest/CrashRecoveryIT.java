package org.proofhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.support.HubProcess;
import org.proofhub.hub.support.RunDirectories;

/**
 * The hub runs in a separate JVM that is killed (SIGKILL) while a department keeps changing rows;
 * started again, it delivers every change exactly once: each change is one history entry, versions
 * run 1..n without gaps or repeats, and the current state is the source's last state.
 */
class CrashRecoveryIT {
    static final Path DIR = RunDirectories.next("crash");
    static DepartmentsServer db;
    HubProcess child;

    @BeforeAll
    static void departments() throws Exception {
        db = DepartmentsServer.start(DIR, "crash-test-cdc", 7);
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aKilledHubResumesAndEveryChangeArrivesExactlyOnce() throws Exception {
        int port = HubProcess.freePort();
        child = startHub(port, "run1").awaitReady();
        long clean = db.cleanPersons();
        await().atMost(Duration.ofSeconds(90)).until(() -> db.personLinks() >= clean);

        PopulationWorkload changes = new PopulationWorkload(db.population, db.hub, "RKC", 1985, 3_000);
        changes.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> changes.done() >= changes.total() / 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> changes.history() > 0);
        child.kill();
        long atKill = changes.history();
        changes.join();
        assertThat(atKill).as("the hub was killed mid-stream").isLessThan(changes.total());

        child = startHub(port, "run2").awaitReady();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> changes.history() >= changes.total());
        changes.assertEveryChangeArrivedOnce();
        assertThat(db.hub.queryForObject("select count(*) from connector_offset where connector_id = 'population'", Long.class)).isPositive();
        child.close();
    }

    HubProcess startHub(int port, String name) throws IOException {
        return HubProcess.start(DIR.resolve("hub"), name, port, db.pg, db.cdcPassword);
    }
}
