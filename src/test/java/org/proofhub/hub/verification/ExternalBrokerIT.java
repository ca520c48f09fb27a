package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hub on an external broker: a request goes to the issuing unit's queue there, the department's system answers
 * through the broker, and the hub takes the answer. Health names the broker as external, with its disk's use and limit
 * as the broker itself reports them through its management address.
 */
class ExternalBrokerIT extends ExternalBrokerHubIT {

    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    void requestsAndAnswersTravelThroughTheExternalBroker() throws Exception {
        await().atMost(VerificationIT.WAIT).until(() -> "external".equals(details().get("broker")));
        assertThat(brokerHealth().get("status")).isEqualTo("UP");
        assertThat(details()).containsEntry("maxDiskUsagePercent", 100).hasEntrySatisfying("diskUsagePercent",
                p -> assertThat((Integer) p).isBetween(0, 100));

        try (Department fgw = Department.requests(connectionFactory, "FGW")) {
            Submitted submitted = submit("window.agent", VerificationIT.personRequest("FGW"));
            assertThat(submitted.dispatch()).isEqualTo(Submitted.Dispatch.SENT);
            VerificationRequestMessage request = fgw.awaitRequest(submitted.requestId(), VerificationIT.WAIT);
            assertThat(request.getIssuingUnit()).isEqualTo("FGW");
            assertThat(externalBroker.server().locateQueue(VerificationAddresses.requests("FGW"))).as("the queue lives on the external broker")
                    .isNotNull();

            fgw.reply(fgw.replyTo(submitted.requestId(), ReplyKind.REJECTED).setReason("查询函未说明用途").build());
            await().atMost(VerificationIT.WAIT).until(() -> "REJECTED".equals(
                    hub.queryForObject("select status from verification_request where id = ?", String.class, submitted.requestId())));
        }
    }

    /**
     * The broker stops and comes back (a restart, a failover): requests made while it is away are accepted into the outbox
     * and reach the department once it is back; the hub's own sending and its reading of answers reconnect by themselves.
     */
    @Test
    void aBrokerRestartLosesNoRequestAndNoAnswer() throws Exception {
        externalBroker.stop();
        Submitted whileAway;
        try {
            long started = System.nanoTime();
            whileAway = submit("window.agent", VerificationIT.personRequest("SCJGJ"));
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
            assertThat(whileAway.dispatch()).isEqualTo(Submitted.Dispatch.QUEUED);
        } finally {
            externalBroker.start();
        }

        try (Department scjgj = Department.requests(connectionFactory, "SCJGJ")) {
            scjgj.awaitRequest(whileAway.requestId(), VerificationIT.WAIT);
            Submitted after = await().atMost(VerificationIT.WAIT).until(() -> submit("window.agent", VerificationIT.personRequest("SCJGJ")),
                    s -> s.dispatch() == Submitted.Dispatch.SENT);
            scjgj.awaitRequest(after.requestId(), VerificationIT.WAIT);

            scjgj.reply(scjgj.replyTo(whileAway.requestId(), ReplyKind.REJECTED).setReason("申请材料不全").build());
            await().atMost(VerificationIT.WAIT).until(() -> "REJECTED".equals(
                    hub.queryForObject("select status from verification_request where id = ?", String.class, whileAway.requestId())));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> details() {
        return (Map<String, Object>) brokerHealth().getOrDefault("details", Map.of());
    }
}
