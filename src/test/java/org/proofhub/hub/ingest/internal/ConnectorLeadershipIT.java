package org.proofhub.hub.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.platform.EmbeddedPostgresServer;
import org.proofhub.hub.support.RunDirectories;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The connector locks on a real PostgreSQL: two instances race for the same connectors, exactly one gets each, the
 * other sees who has it, and takes it when the holder's connection ends (as when its process dies).
 */
class ConnectorLeadershipIT {
    static EmbeddedPostgresServer pg;

    @BeforeAll
    static void start() {
        Path dir = RunDirectories.next("leadership");
        pg = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
        pg.ensureDatabase("hub");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    static ConnectorLeadership instance(String id) {
        return new ConnectorLeadership(name -> {
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("password", "postgres");
            p.setProperty("ApplicationName", name);
            return DriverManager.getConnection(pg.jdbcUrl("hub"), p);
        }, id);
    }

    @Test
    void oneInstanceHoldsEachConnectorAndAnotherTakesItWhenTheHolderGoes() throws SQLException {
        try (ConnectorLeadership a = instance("hub-a"); ConnectorLeadership b = instance("hub-b")) {
            assertThat(a.tryAcquire("population")).isTrue();
            assertThat(b.tryAcquire("population")).as("held by hub-a").isFalse();
            assertThat(b.tryAcquire("legal-person")).as("a lock of its own per connector").isTrue();
            assertThat(a.tryAcquire("population")).as("asking again changes nothing").isTrue();

            assertThat(b.holderOf("population")).contains("hub-a");
            assertThat(a.holderOf("legal-person")).contains("hub-b");
            assertThat(a.holderOf("credit")).isEmpty();
            assertThat(a.holds("population")).isTrue();
            assertThat(b.holds("population")).isFalse();
            assertThat(a.check()).isTrue();

            a.close();
            assertThat(a.holds("population")).isFalse();
            assertThat(b.tryAcquire("population")).as("released with hub-a's connection").isTrue();
            assertThat(a.tryAcquire("population")).isFalse();
            assertThat(a.holderOf("population")).contains("hub-b");
        }
    }

    @Test
    void anInstanceWhoseConnectionIsKilledKnowsItHoldsNothingAnyMore() throws SQLException {
        try (ConnectorLeadership a = instance("hub-c"); ConnectorLeadership b = instance("hub-d")) {
            assertThat(a.tryAcquire("licence")).isTrue();
            JdbcTemplate admin = new JdbcTemplate(pg.database("hub"));
            // the database ends the session (an administrator, a failover, a network cut noticed by the server) and waits for it to go
            assertThat(admin.queryForObject("""
                    select count(*) from (select pg_terminate_backend(pid, 5000) from pg_stat_activity
                    where application_name = ?) t""", Long.class, ConnectorLeadership.APPLICATION_NAME_PREFIX + "hub-c")).isEqualTo(1L);
            assertThat(b.tryAcquire("licence")).as("the server released it").isTrue();
            assertThat(a.check()).as("hub-c learns that its locks are gone").isFalse();
            assertThat(a.holds("licence")).isFalse();
            assertThat(a.tryAcquire("licence")).as("a new connection, but the lock is hub-d's now").isFalse();
            assertThat(a.check()).isTrue();
        }
    }

    @Test
    void keysOfDifferentConnectorsDifferAndStayInTheHubsNamespace() {
        assertThat(ConnectorLeadership.key("population")).isNotEqualTo(ConnectorLeadership.key("legal-person"));
        assertThat(ConnectorLeadership.key("population") >>> 32).isEqualTo(0x5048_4331L);
        assertThat(ConnectorLeadership.key("population")).isEqualTo(ConnectorLeadership.key("population"));
    }
}
