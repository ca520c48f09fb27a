package org.proofhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.support.HubProcess;
import org.proofhub.hub.support.RunDirectories;

/**
 * Two hub instances, each in its own JVM with its own broker, on one database: each connector runs on one of them;
 * the other stands by, healthy. The one running them is killed while a department keeps changing rows: the other
 * takes the connectors over from the stored offsets and every change arrives exactly once. A pause recorded by
 * an operator on any instance is applied by the instance running the connector.
 */
class ConnectorFailoverIT {
    static final Path DIR = RunDirectories.next("failover");
    static DepartmentsServer db;
    final List<HubProcess> hubs = new ArrayList<>();

    @BeforeAll
    static void departments() throws Exception {
        db = DepartmentsServer.start(DIR, "failover-test-cdc", 11);
    }

    @AfterEach
    void stopHubs() throws InterruptedException {
        for (HubProcess h : hubs) {
            h.close();
        }
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    HubProcess start(String instance) throws Exception {
        HubProcess h = HubProcess.start(DIR.resolve(instance), instance, HubProcess.freePort(), db.pg, db.cdcPassword,
                "--hub.instance-id=" + instance, "--hub.ingest.leadership-interval=500ms");
        hubs.add(h);
        return h.awaitReady();
    }

    @Test
    void theStandbyTakesTheConnectorsOverAndEveryChangeArrivesOnce() throws Exception {
        HubProcess a = start("hub-a");
        long clean = db.cleanPersons();
        await().atMost(Duration.ofSeconds(90)).until(() -> db.personLinks() >= clean);
        HubProcess b = start("hub-b");
        // hub-b is up (health UP) and holds none of the connectors: every enabled one runs on hub-a
        assertThat(connectorLocksOf("hub-a")).isEqualTo(4);
        assertThat(connectorLocksOf("hub-b")).isZero();
        assertThat(slotActive()).isTrue();

        PopulationWorkload changes = new PopulationWorkload(db.population, db.hub, "RKF", 1985, 3_000);
        changes.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> changes.done() >= changes.total() / 3);
        await().atMost(Duration.ofSeconds(60)).until(() -> changes.history() > 0);
        a.kill();
        long atKill = changes.history();
        assertThat(atKill).as("hub-a was killed mid-stream").isLessThan(changes.total());

        await().atMost(Duration.ofSeconds(30)).until(() -> connectorLocksOf("hub-b") == 4);
        changes.join();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> changes.history() >= changes.total());
        changes.assertEveryChangeArrivedOnce();

        // an operator's pause, recorded by any instance: hub-b, running the connector, stops reading the slot
        db.hub.update("insert into connector_control (connector_id, paused, changed_at) values ('population', true, now())");
        await().atMost(Duration.ofSeconds(30)).until(() -> !slotActive());
        PopulationWorkload whilePaused = new PopulationWorkload(db.population, db.hub, "RKP", 1986, 30);
        whilePaused.start();
        whilePaused.join();
        db.hub.update("update connector_control set paused = false, changed_at = now() where connector_id = 'population'");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> whilePaused.history() >= whilePaused.total());
        whilePaused.assertEveryChangeArrivedOnce();
        assertThat(connectorLocksOf("hub-b")).isEqualTo(4);
        b.close();
    }

    /** Connector locks held by the instance's lock connection. */
    long connectorLocksOf(String instance) {
        return db.hub.queryForObject("""
                select count(*) from pg_locks l join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'advisory' and l.granted and a.application_name = ?""", Long.class, "proof-hub-connectors " + instance);
    }

    /** Whether a connector reads the population department's replication slot now. */
    boolean slotActive() {
        return Boolean.TRUE.equals(db.population.queryForObject("select active from pg_replication_slots where slot_name = 'hub_population'",
                Boolean.class));
    }
}
