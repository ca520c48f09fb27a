package org.proofhub.hub.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.debezium.DebeziumConstants;
import org.apache.camel.component.debezium.DebeziumEndpoint;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.ingest.ConnectorStatus;
import org.proofhub.hub.ingest.Connectors;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.Prometheus;
import org.proofhub.hub.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How far a connector is behind its source, seen from the source: a paused (as good as stuck) CDC connector receives
 * nothing to measure a lag on, yet its replication slot falls behind with every write the source's PostgreSQL makes,
 * and catches up once the connector runs again; a running one whose captured tables stay quiet keeps up through its
 * heartbeat messages (every 500 ms here, see {@code HubIT}); a polling connector's last complete read moves on while it
 * polls.
 */
class SourceBacklogIT extends HubIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** At least this much WAL is written in the source while its connector is paused (4,000 rows of 1,280 characters). */
    static final int WRITTEN = 4 * 1024 * 1024;

    @Autowired
    SourceBacklog backlog;
    @Autowired
    Connectors connectors;
    @Autowired
    DemoDepartments departments;
    @Autowired
    CanonicalRecords records;
    @Autowired
    TestRestTemplate rest;
    @Autowired
    CamelContext camel;
    @Autowired
    IngestService ingest;

    long behind(String connector) {
        backlog.refresh();
        Long bytes = backlog.behindBytes(connector);
        return bytes == null ? -1 : bytes;
    }

    /** A new enterprise in the legal-person source, waited for in the canonical store: the connector streams (its snapshot done). */
    void enterpriseArrives() {
        String uscc = TestData.uscc();
        new JdbcTemplate(departments.dataSource(DemoDepartment.LEGAL_PERSON)).update("""
                insert into enterprise (id, uscc, enterprise_name, enterprise_type, legal_rep_name, registered_capital, established_on,
                    reg_status, registered_address, reg_authority, business_scope)
                values (?, ?, '福州积压测试有限公司', 'LLC', '测试丙', 100.00, date '2021-05-01', '10', '福州市鼓楼区测试路5号', '福州市鼓楼区市场监督管理局', '软件开发')""",
                TestData.next() + 900_000, uscc);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> records.find("LegalEntity", uscc).isPresent());
    }

    @Test
    void aPausedCdcConnectorFallsBehindItsSourceAndCatchesUpWhenResumed() {
        // paused during its first snapshot, a connector would take it again on resuming: pause it streaming
        enterpriseArrives();
        await().atMost(WAIT).until(() -> behind("legal-person") >= 0);
        assertThat(backlog.problem("legal-person")).isNull();
        connectors.pause("legal-person");
        try {
            long paused = behind("legal-person");
            // over 4 MB of WAL written in the source's cluster, into a table of no publication (so decoded by no connector)
            JdbcTemplate source = new JdbcTemplate(departments.dataSource(DemoDepartment.LEGAL_PERSON));
            source.execute("create table if not exists _backlog_probe (filler text)");
            source.update("insert into _backlog_probe select repeat(md5(g::text), 40) from generate_series(1, 4000) g");
            source.execute("drop table _backlog_probe");
            long after = behind("legal-person");
            assertThat(after).as("the slot confirms nothing while the connector is paused").isGreaterThanOrEqualTo(paused + WRITTEN);
            // the status, the gauge and health report it (the scheduled probe may have asked again meanwhile: never less)
            assertThat(connectors.status("legal-person").sourceBehindBytes()).isGreaterThanOrEqualTo(paused + WRITTEN);
            Double gauge = Prometheus.scrape(rest).value("hub_ingest_source_behind_bytes", "connector=\"legal-person\"");
            assertThat(gauge).isGreaterThanOrEqualTo((double) paused + WRITTEN);
            Map<?, ?> health = rest.withBasicAuth("ops", "hub-demo").getForObject("/actuator/health/connectors", Map.class);
            Map<?, ?> legal = (Map<?, ?>) ((Map<?, ?>) health.get("details")).get("legal-person");
            assertThat(((Number) legal.get("sourceBehindBytes")).longValue()).isGreaterThanOrEqualTo(paused + WRITTEN);
        } finally {
            connectors.resume("legal-person");
        }
        // running again, the connector reads the WAL it missed and confirms past it (its heartbeat messages would do
        // without a change of a captured table too; see below)
        enterpriseArrives();
        await().atMost(WAIT).until(() -> behind("legal-person") < WRITTEN);
    }

    @Test
    void aRunningCdcConnectorsHeartbeatMovesItsSlotOnWhileItsTablesAreQuietAndOthersAreWritten() throws Exception {
        enterpriseArrives();
        // the connector file's heartbeat action query reaches Debezium as written
        Properties debezium = ((DebeziumEndpoint<?>) camel.getRoute("legal-person").getEndpoint()).getConfiguration()
                .createDebeziumConfiguration().asProperties();
        assertThat(debezium.getProperty("heartbeat.action.query"))
                .isEqualTo(ingest.config().connectors().get("legal-person").property("heartbeatActionQuery"))
                .contains("pg_logical_emit_message");
        assertThat(debezium.getProperty("heartbeat.interval.ms")).isEqualTo("500");
        ingest.awaitDrained("legal-person");
        ConnectorStatus before = connectors.status("legal-person");
        long entities = records.count("LegalEntity", true);
        NotifyBuilder messages = new NotifyBuilder(camel).fromRoute("legal-person")
                .filter(e -> DebeziumChanges.LOGICAL_DECODING_MESSAGE.equals(e.getIn().getHeader(DebeziumConstants.HEADER_OPERATION)))
                .whenCompleted(3).create();
        NotifyBuilder failures = new NotifyBuilder(camel).fromRoute("legal-person").whenFailed(1).create();

        // over 4 MB of WAL written in the source, into a table of no publication: nothing the connector captures
        JdbcTemplate source = new JdbcTemplate(departments.dataSource(DemoDepartment.LEGAL_PERSON));
        source.execute("create table if not exists _heartbeat_probe (filler text)");
        source.update("insert into _heartbeat_probe select repeat(md5(g::text), 40) from generate_series(1, 4000) g");
        source.execute("drop table _heartbeat_probe");
        String written = source.queryForObject("select pg_current_wal_lsn()::text", String.class);

        // the slot confirms past all of it, and the backlog reported falls back near zero
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> source.queryForObject(
                "select confirmed_flush_lsn >= ?::pg_lsn from pg_replication_slots where slot_name = 'hub_legal_person'", Boolean.class, written));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> behind("legal-person") < WRITTEN / 8);
        assertThat(connectors.status("legal-person").sourceBehindBytes()).isLessThan((long) WRITTEN);
        assertThat(Prometheus.scrape(rest).value("hub_ingest_source_behind_bytes", "connector=\"legal-person\"")).isLessThan(WRITTEN);

        // the heartbeats' messages went through the route and were dropped there: no change, no quarantine, no error
        assertThat(messages.matches(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("heartbeat messages reached the connector's route").isTrue();
        assertThat(failures.matches()).as("no exchange of the connector failed").isFalse();
        ingest.awaitDrained("legal-person");
        ConnectorStatus after = connectors.status("legal-person");
        assertThat(after.received()).as("received changes").isEqualTo(before.received());
        assertThat(after.applied()).as("applied changes").isEqualTo(before.applied());
        assertThat(after.quarantined()).as("quarantined changes").isEqualTo(before.quarantined());
        assertThat(after.quarantinePending()).as("quarantine entries").isEqualTo(before.quarantinePending());
        assertThat(after.lastEventAt()).isEqualTo(before.lastEventAt());
        assertThat(after.lastError()).isNull();
        assertThat(records.count("LegalEntity", true)).as("canonical records").isEqualTo(entities);
    }

    @Test
    void aPollingConnectorsLastCompleteReadMovesOnWhileItPolls() {
        await().atMost(WAIT).until(() -> backlog.lastRead("credit") != null);
        Instant first = backlog.lastRead("credit");
        await().atMost(WAIT).until(() -> backlog.lastRead("credit").isAfter(first));
        assertThat(connectors.status("credit").sourceReadAt()).isAfterOrEqualTo(first);
        assertThat(connectors.status("credit").sourceBehindBytes()).as("not a CDC connector").isNull();
        Double age = Prometheus.scrape(rest).value("hub_ingest_source_read_age_seconds", "connector=\"credit\"");
        assertThat(age).as("seconds since the last complete poll (every 200 ms here)").isBetween(0.0, 30.0);
        assertThat(Prometheus.scrape(rest).value("hub_ingest_source_behind_bytes", "connector=\"population\"")).as("CDC connectors report the slot")
                .isNotNull();
        // stopped here, the connector has no last read on this instance (no stalled poll reported by an instance that does not poll)
        connectors.pause("credit");
        try {
            assertThat(backlog.lastRead("credit")).isNull();
            assertThat(connectors.status("credit").sourceReadAt()).isNull();
        } finally {
            connectors.resume("credit");
        }
        await().atMost(WAIT).until(() -> backlog.lastRead("credit") != null);
    }
}
