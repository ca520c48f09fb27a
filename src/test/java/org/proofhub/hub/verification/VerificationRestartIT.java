package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.HubApplication;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.ingest.internal.OutboxRelay;
import org.proofhub.hub.support.RunDirectories;
import org.proofhub.hub.support.TestClock;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Durable timers (SPEC §4.5): the hub is stopped with requests in flight (some still in the outbox, some
 * on a unit's queue, some answered) and deadlines pending; its clock passes their deadlines while it is
 * down; started again on the same data, the overdue deadlines fire within 15 seconds, and every request
 * reaches its department once and is answered once. Then the broker alone stops and starts while requests
 * are accepted and deadlines fire: nothing is lost or delivered twice.
 */
class VerificationRestartIT {
    static final Path DIR = RunDirectories.next("verification-restart");
    static final TestClock CLOCK = new TestClock();
    static final int SERVER_ID = 20_000 + (int) (Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 10_000);
    static final Duration WAIT = Duration.ofSeconds(60);

    /** What the restarted hubs share with the test: the clock, and a sealing issuer. */
    public static class Shared {
        @Bean
        @Primary
        TestClock testClock() {
            return CLOCK;
        }

        @Bean
        @Primary
        SealingProofIssuer sealingProofIssuer() {
            return new SealingProofIssuer(CLOCK);
        }
    }

    static ConfigurableApplicationContext startHub(boolean sendOnAccept) {
        return new SpringApplicationBuilder(HubApplication.class, Shared.class).run(
                "--hub.data-dir=" + DIR,
                "--server.port=0",
                "--spring.artemis.embedded.server-id=" + SERVER_ID,
                "--spring.artemis.embedded.queues=",
                "--hub.demo.persons=200", "--hub.demo.legal-entities=50", "--hub.demo.live-changes-per-second=0",
                "--hub.ingest.outbox-interval=20ms", "--CREDIT_POLL_INTERVAL_MS=1000",
                "--hub.verification.send-on-accept=" + sendOnAccept,
                "--hub.verification.scheduler-interval=200ms", "--hub.verification.item-terms=request");
    }

    @Test
    void nothingIsLostOrDuplicatedWhenTheHubOrTheBrokerRestarts() throws Exception {
        List<String> toScjgj = new ArrayList<>();
        List<String> toGaj = new ArrayList<>();
        try (ConfigurableApplicationContext hub = startHub(false)) {
            Verifications v = hub.getBean(Verifications.class);
            HubUser window = user(hub, "window.agent");
            for (int i = 0; i < 10; i++) {
                toScjgj.add(v.submit(VerificationIT.commitmentRequest("SCJGJ", Duration.ofHours(4)), window).requestId());
                toGaj.add(v.submit(VerificationIT.personRequest("GAJ"), window).requestId());
            }
            for (String id : toGaj.subList(0, 3)) {
                v.answer(id, Answer.confirmed(Map.of("name", "测试人")), user(hub, "gaj.agent"));
            }
            JdbcTemplate db = hub.getBean(JdbcTemplate.class);
            await().atMost(WAIT).until(() -> db.queryForObject("select count(*) from outbox", Long.class) == 0);
            // the last five stay in the outbox: the hub goes down before the relay sends them
            hub.getBean(OutboxRelay.class).stop();
            for (int i = 0; i < 5; i++) {
                toScjgj.add(v.submit(VerificationIT.commitmentRequest("SCJGJ", Duration.ofHours(4)), window).requestId());
            }
            assertThat(db.queryForObject("select count(*) from outbox", Long.class)).isEqualTo(5);
        }

        CLOCK.advance(Duration.ofMinutes(31));
        long started = System.nanoTime();
        try (ConfigurableApplicationContext hub = startHub(true)) {
            long readyMs = (System.nanoTime() - started) / 1_000_000;
            JdbcTemplate db = hub.getBean(JdbcTemplate.class);
            String[] overdue = toGaj.subList(3, 10).toArray(String[]::new);
            await().atMost(Duration.ofSeconds(15)).until(() -> db.queryForObject(
                    "select count(*) from verification_event where type = 'ESCALATED' and request_id = any(?)", Long.class, (Object) overdue) == 7);
            long firedMs = (System.nanoTime() - started) / 1_000_000 - readyMs;
            assertThat(firedMs).as("overdue deadlines fired %d ms after the restarted hub was ready", firedMs).isLessThan(15_000);
            LoggerFactory.getLogger(VerificationRestartIT.class).info("restarted hub ready in {} ms; its 7 overdue deadlines had fired {} ms later",
                    readyMs, firedMs);

            ConnectionFactory cf = hub.getBean(ConnectionFactory.class);
            Verifications v = hub.getBean(Verifications.class);
            try (Department scjgj = Department.requests(cf, "SCJGJ"); Department gajSupervisor = Department.supervisor(cf, "GAJ")) {
                Set<String> delivered = drainRequests(scjgj, toScjgj.size());
                assertThat(delivered).containsExactlyInAnyOrderElementsOf(toScjgj);
                for (String id : toScjgj) {
                    scjgj.confirm(id, Map.of("name", "福州测试有限公司"));
                }
                Set<String> alerted = new HashSet<>();
                for (VerificationNoticeMessage n : gajSupervisor.awaitNotices(x -> List.of(overdue).contains(x.getRequestId()), 7, WAIT)) {
                    assertThat(alerted.add(n.getRequestId())).as("one escalation message per request").isTrue();
                }
                assertThat(gajSupervisor.poll(Duration.ofMillis(500))).isNull();
            }
            String[] scjgjIds = toScjgj.toArray(String[]::new);
            await().atMost(WAIT).until(() -> db.queryForObject("""
                    select count(*) from verification_request where id = any(?) and status = 'CONFIRMED' and proof_status = 'SEALED'""",
                    Long.class, (Object) scjgjIds) == toScjgj.size());
            assertThat(db.queryForObject("select count(*) from verification_event where type = 'CONFIRMED' and request_id = any(?)",
                    Long.class, (Object) scjgjIds)).isEqualTo(toScjgj.size());
            String[] all = allOf(toScjgj, toGaj);
            assertThat(db.queryForObject("select count(*) from verification_event where type = 'ACCEPTED' and request_id = any(?)",
                    Long.class, (Object) all)).isEqualTo(all.length);
            assertThat(db.queryForObject("select count(*) from verification_event where type = 'ESCALATED' and request_id = any(?)",
                    Long.class, (Object) overdue)).isEqualTo(7);

            // the broker alone goes away: requests are still accepted (PostgreSQL), timers still fire
            ActiveMQServer broker = hub.getBean(EmbeddedActiveMQ.class).getActiveMQServer();
            broker.stop();
            List<String> toFgw = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Submitted s = v.submit(VerificationIT.personRequest("FGW"), user(hub, "window.agent"));
                assertThat(s.dispatch()).isEqualTo(Submitted.Dispatch.QUEUED);
                toFgw.add(s.requestId());
            }
            String[] fgwIds = toFgw.toArray(String[]::new);
            CLOCK.advance(Duration.ofMinutes(31));
            await().atMost(WAIT).until(() -> db.queryForObject(
                    "select count(*) from verification_event where type = 'ESCALATED' and request_id = any(?)", Long.class, (Object) fgwIds) == 5);
            broker.start();

            try (Department fgw = Department.requests(cf, "FGW"); Department fgwSupervisor = Department.supervisor(cf, "FGW")) {
                assertThat(drainRequests(fgw, 5)).containsExactlyInAnyOrderElementsOf(toFgw);
                for (String id : toFgw) {
                    fgw.reply(fgw.replyTo(id, ReplyKind.REJECTED).setReason("测试结束").build());
                }
                Set<String> alerted = new HashSet<>();
                for (VerificationNoticeMessage n : fgwSupervisor.awaitNotices(x -> toFgw.contains(x.getRequestId()), 5, WAIT)) {
                    assertThat(alerted.add(n.getRequestId())).isTrue();
                }
                assertThat(fgwSupervisor.poll(Duration.ofMillis(500))).isNull();
            }
            await().atMost(WAIT).until(() -> db.queryForObject(
                    "select count(*) from verification_request where id = any(?) and status = 'REJECTED'", Long.class, (Object) fgwIds) == 5);
            await().atMost(WAIT).until(() -> db.queryForObject("select count(*) from outbox", Long.class) == 0);
        }
    }

    /** Takes {@code n} requests off a unit's queue, then checks that no copy follows. */
    private static Set<String> drainRequests(Department department, int n) throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String id = department.awaitRequest(m -> true, WAIT).getRequestId();
            assertThat(ids.add(id)).as("request %s delivered twice", id).isTrue();
        }
        assertThat(department.poll(Duration.ofSeconds(1))).as("no request is delivered twice").isNull();
        return ids;
    }

    private static HubUser user(ConfigurableApplicationContext hub, String name) {
        return hub.getBean(Accounts.class).find(name).orElseThrow();
    }

    private static String[] allOf(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }
}
