package org.proofhub.hub.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
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
 * and catches up once the connector runs again; a polling connector's last complete read moves on while it polls.
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
        // running again, the connector reads the WAL up to the source's next change of a captured table and confirms it
        // (with no such change the slot stays where it was: Debezium confirms the position of changes it processed)
        enterpriseArrives();
        await().atMost(WAIT).until(() -> behind("legal-person") < WRITTEN);
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
