package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.verification.internal.DeadlineScheduler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Several hub instances on one database (SPEC §4.5): two more deadline schedulers, each with its own
 * connection pool and instance id, race the hub's own over the same due deadlines. Every deadline fires
 * exactly once: one escalation, one alert, one message to the supervisor per request.
 */
class TwoInstancesIT extends VerificationIT {
    @Autowired
    org.proofhub.hub.platform.DataProtection protection;

    static final int REQUESTS = 300;

    @Autowired
    Verifications verifications;
    @Autowired
    Accounts accounts;
    @Autowired
    DataSource dataSource;
    @Autowired
    VerificationProperties props;
    @Autowired
    ObjectProvider<VerificationProofIssuer> issuers;

    @Test
    void concurrentSchedulersFireEachDeadlineExactlyOnce() throws Exception {
        HubUser agent = accounts.find("window.agent").orElseThrow();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            ids.add(verifications.submit(personRequest("RSJ"), agent).requestId());
        }
        String[] ours = ids.toArray(String[]::new);
        VerificationProperties small = withBatch(props, 25);
        try (HikariDataSource b = pool("instance-b"); HikariDataSource c = pool("instance-c");
             Department supervisor = Department.supervisor(connectionFactory, "RSJ")) {
            List<DeadlineScheduler> schedulers = List.of(scheduler,
                    new DeadlineScheduler(b, clock, small, "instance-b", issuers, null, null, protection),
                    new DeadlineScheduler(c, clock, small, "instance-c", issuers, null, null, protection));
            clock.advance(Duration.ofMinutes(31));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(schedulers.size());
            List<Future<Integer>> fired = new ArrayList<>();
            for (DeadlineScheduler s : schedulers) {
                fired.add(threads.submit(() -> {
                    start.await();
                    return s.fireDue();
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : fired) {
                total += f.get();
            }
            threads.shutdown();
            assertThat(total).isGreaterThanOrEqualTo(2 * REQUESTS);

            assertThat(count("""
                    select count(*) from verification_deadline where request_id = any(?) and kind in ('AB_TAKEOVER', 'DEADLINE')
                    and state = 'FIRED'""", (Object) ours)).isEqualTo(2L * REQUESTS);
            assertThat(count("select count(*) from verification_event where request_id = any(?) and type = 'ESCALATED'", (Object) ours))
                    .isEqualTo(REQUESTS);
            assertThat(count("select count(*) from verification_event where request_id = any(?) and type = 'REASSIGNED'", (Object) ours))
                    .isEqualTo(REQUESTS);
            assertThat(count("select count(*) from verification_alert where request_id = any(?) and kind = 'ESCALATION'", (Object) ours))
                    .isEqualTo(REQUESTS);
            assertThat(count("select count(*) from verification_deadline where request_id = any(?) and kind = 'ESCALATION' and state = 'PENDING'",
                    (Object) ours)).isEqualTo(REQUESTS);
            List<Map<String, Object>> byInstance = hub.queryForList("""
                    select claimed_by, count(*) as n from verification_deadline where request_id = any(?) and state = 'FIRED' group by claimed_by""",
                    (Object) ours);
            assertThat(byInstance).as("the instances shared the work: %s", byInstance).hasSizeGreaterThanOrEqualTo(2);

            Set<String> alerted = new HashSet<>();
            for (VerificationNoticeMessage n : supervisor.awaitNotices(x -> ids.contains(x.getRequestId()), REQUESTS, Duration.ofSeconds(60))) {
                assertThat(n.getType()).isEqualTo(NoticeType.ESCALATED);
                assertThat(alerted.add(n.getRequestId())).as("one alert per request").isTrue();
            }
            assertThat(supervisor.poll(Duration.ofSeconds(1))).as("no second alert").isNull();
        }
        for (String id : ids) {
            verifications.answer(id, Answer.rejected("测试结束"), accounts.find("rsj.supervisor").orElseThrow());
        }
    }

    private HikariDataSource pool(String name) {
        HikariDataSource main = (HikariDataSource) dataSource;
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName(name);
        ds.setJdbcUrl(main.getJdbcUrl());
        ds.setUsername(main.getUsername());
        ds.setPassword(main.getPassword());
        ds.setMaximumPoolSize(2);
        return ds;
    }

    private static VerificationProperties withBatch(VerificationProperties p, int batch) {
        return new VerificationProperties(p.instantItemLimit(), p.commitmentItemLimit(), p.dataBackedLimit(), p.returnWindow(),
                p.supervisorWindow(), p.openWithin(), p.instantDelayLimit(), p.speedUp(), false, p.schedulerInterval(), batch, 1, "",
                p.sendOnAccept(), p.handOverSessions(), p.idScanMaxSize(), p.idScanTypes(), p.idScanRetention(), p.rosterFile(), p.proofData());
    }
}
