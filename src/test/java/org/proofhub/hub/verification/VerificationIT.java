package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.TestClock;
import org.proofhub.hub.support.TestData;
import org.proofhub.hub.verification.internal.DeadlineScheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the verification tests: the whole hub on real PostgreSQL and Artemis, with a clock the test moves
 * and a proof issuer that really seals. The background deadline thread is off here so that a test decides
 * when timers fire ({@link #fireDue()}); the restart test runs it.
 */
@Import(VerificationTestConfiguration.class)
// the requests here carry their own item terms (instant, or a commitment with its promised limit) to time every case;
// VerificationProofsIT runs with the published list deciding, as the hub does by default
@TestPropertySource(properties = {"hub.verification.scheduler-enabled=false", "hub.verification.item-terms=request"})
abstract class VerificationIT extends HubIT {
    static final String PASSWORD = "hub-demo";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    TestClock clock;
    @Autowired
    DeadlineScheduler scheduler;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    SealingProofIssuer issuer;

    @Autowired
    org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ broker;

    @org.junit.jupiter.api.BeforeEach
    void diagnoseMissingMessages() {
        Department.diagnostics = queue -> {
            StringBuilder b = new StringBuilder();
            for (String q : List.of(queue)) {
                var found = broker.getActiveMQServer().locateQueue(q);
                b.append(q).append(found == null ? ": none" : ": messages " + found.getMessageCount() + ", delivering "
                        + found.getDeliveringCount() + ", consumers " + found.getConsumerCount() + ", added " + found.getMessagesAdded()).append("; ");
            }
            b.append("outbox: ").append(hub.queryForList("select id, properties::text as p from outbox order by id limit 20"));
            return b.toString();
        };
    }

    /** An instant-item request for a person, from the service centre's agent. */
    static VerificationSubmission personRequest(String issuingUnit) {
        return new VerificationSubmission("350100-HJ-0001", "APP-" + TestData.next(), ItemKind.INSTANT, null,
                "household-registration", false, issuingUnit,
                new VerificationSubmission.Subject(SubjectType.PERSON, TestData.citizenId(), "测试人"),
                "请核实该申请人户籍登记信息，用于办理居住证。", null, Map.of("name", "测试人"));
    }

    static VerificationSubmission commitmentRequest(String issuingUnit, Duration promisedLimit) {
        return new VerificationSubmission("350100-QY-0002", "APP-" + TestData.next(), ItemKind.COMMITMENT, promisedLimit,
                "registration-status", false, issuingUnit,
                new VerificationSubmission.Subject(SubjectType.ORGANISATION, TestData.uscc(), "福州测试有限公司"),
                "请核实该企业登记状态。", null, null);
    }

    Submitted submit(String agent, VerificationSubmission s) {
        ResponseEntity<Submitted> r = rest.withBasicAuth(agent, PASSWORD).postForEntity("/api/verification/requests", s, Submitted.class);
        assertThat(r.getStatusCode().value()).as("submitting as %s", agent).isEqualTo(201);
        return r.getBody();
    }

    ResponseEntity<Map> answer(String user, String requestId, Answer answer) {
        return rest.withBasicAuth(user, PASSWORD).postForEntity("/api/verification/requests/" + requestId + "/answer", answer, Map.class);
    }

    ResponseEntity<Map> open(String user, String requestId) {
        return rest.withBasicAuth(user, PASSWORD).postForEntity("/api/verification/requests/" + requestId + "/open", null, Map.class);
    }

    RequestDetail detail(String user, String requestId) {
        ResponseEntity<RequestDetail> r = rest.withBasicAuth(user, PASSWORD).getForEntity("/api/verification/requests/" + requestId, RequestDetail.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return r.getBody();
    }

    ResponseEntity<Map> setAvailable(String user, String agent, boolean available) {
        return rest.withBasicAuth(user, PASSWORD).exchange("/api/verification/roster/" + agent + "/availability", HttpMethod.PUT,
                new HttpEntity<>(Map.of("available", available)), Map.class);
    }

    /** Event types of a request's timeline, in order. */
    List<String> events(String requestId) {
        return hub.queryForList("select type from verification_event where request_id = ? order by id", String.class, requestId);
    }

    /** Waits until the audit intake has been chained into audit_log (the chain writer runs in the background). */
    void auditChained() {
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> count("select count(*) from audit_pending") == 0);
    }

    long count(String sql, Object... args) {
        return hub.queryForObject(sql, Long.class, args);
    }

    /** Moves the hub's clock and fires what fell due. */
    void advance(Duration d) {
        clock.advance(d);
        scheduler.fireDue();
    }

    void fireDue() {
        scheduler.fireDue();
    }
}
