package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.ops.alerts.HubAlerts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A broker whose disk is fuller than {@code hub.broker.max-disk-usage} takes no messages (here: 0 %, so any disk is too
 * full). An agent's request is still accepted at once, durably in PostgreSQL, and waits in the outbox; health and
 * alerts say why. Without the check, the acceptance waited for the broker as long as the disk stayed full.
 */
@TestPropertySource(properties = {"hub.broker.max-disk-usage=0", "hub.broker.disk-scan-period=100ms"})
class BrokerRefusingIT extends VerificationIT {

    @Autowired
    HubAlerts alerts;

    @Test
    void aFullBrokerDiskLeavesRequestsInTheOutboxAndSaysSo() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "DOWN".equals(broker().get("status")));
        assertThat((Map<String, Object>) broker().get("details")).containsKey("diskUsagePercent").containsEntry("maxDiskUsagePercent", 0)
                .hasEntrySatisfying("reason", r -> assertThat((String) r).contains("takes no messages"));

        long started = System.nanoTime();
        Submitted submitted = submit("window.agent", personRequest("GAJ"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(submitted.dispatch()).isEqualTo(Submitted.Dispatch.QUEUED);
        assertThat(hub.queryForObject("select count(*) from verification_request where id = ?", Long.class, submitted.requestId())).isEqualTo(1);
        assertThat(hub.queryForObject("select count(*) from outbox where properties->>'requestId' = ?", Long.class, submitted.requestId()))
                .as("the request waits in the outbox").isEqualTo(1);
        assertThat(rest.withBasicAuth("gaj.agent", PASSWORD).getForObject("/api/verification/inbox", String.class))
                .contains(submitted.requestId());

        assertThat(alerts.conditions()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("BROKER_REFUSING");
            assertThat(c.summary()).contains("max-disk-usage");
        });
    }

    private Map<String, Object> broker() {
        return rest.withBasicAuth("ops", PASSWORD).getForObject("/actuator/health/broker", Map.class);
    }
}
