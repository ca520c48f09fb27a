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
 * An external broker whose disk is fuller than its own max-disk-usage (here 0 %, so any disk is too full) takes no messages,
 * and a send to it would wait as long as the disk stays full. The hub learns it from the broker's management address: an
 * agent's request is still accepted at once into the outbox, and health and alerts say why. Without the question, the
 * acceptance waited for the broker.
 */
@TestPropertySource(properties = "test.external-broker.max-disk-usage=0")
class ExternalBrokerFullIT extends ExternalBrokerHubIT {

    @Autowired
    HubAlerts alerts;

    @Test
    void aFullExternalBrokerLeavesRequestsInTheOutboxAndSaysSo() {
        await().atMost(VerificationIT.WAIT).until(() -> "DOWN".equals(brokerHealth().get("status")));
        assertThat((Map<String, Object>) brokerHealth().get("details")).containsEntry("broker", "external")
                .containsEntry("maxDiskUsagePercent", 0).containsKey("diskUsagePercent")
                .hasEntrySatisfying("reason", r -> assertThat((String) r).contains("takes no messages").contains("127.0.0.1"));

        long started = System.nanoTime();
        Submitted submitted = submit("window.agent", VerificationIT.personRequest("GAJ"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(submitted.dispatch()).isEqualTo(Submitted.Dispatch.QUEUED);
        assertThat(hub.queryForObject("select count(*) from outbox where properties->>'requestId' = ?", Long.class, submitted.requestId()))
                .as("the request waits in the outbox").isEqualTo(1);

        assertThat(alerts.conditions()).anySatisfy(c -> {
            assertThat(c.name()).isEqualTo("BROKER_REFUSING");
            assertThat(c.summary()).contains("max-disk-usage");
        });
    }
}
