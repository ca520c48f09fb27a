package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The hub starts while its external broker is away (a broker restarted with the hub, a network not there yet): it starts
 * all the same, accepts requests into the outbox at once, and delivers them when the broker comes; its own sending
 * connects by itself then.
 */
@TestPropertySource(properties = "test.external-broker.up-before-the-hub=false")
class ExternalBrokerLateIT extends ExternalBrokerHubIT {

    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    void aHubStartedBeforeItsBrokerQueuesRequestsAndDeliversThemWhenTheBrokerComes() throws Exception {
        long started = System.nanoTime();
        Submitted early = submit("window.agent", VerificationIT.personRequest("GAJ"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(early.dispatch()).isEqualTo(Submitted.Dispatch.QUEUED);

        externalBroker.start();
        try (Department gaj = Department.requests(connectionFactory, "GAJ")) {
            gaj.awaitRequest(early.requestId(), VerificationIT.WAIT);
            Submitted later = await().atMost(VerificationIT.WAIT).until(() -> submit("window.agent", VerificationIT.personRequest("GAJ")),
                    s -> s.dispatch() == Submitted.Dispatch.SENT);
            gaj.awaitRequest(later.requestId(), VerificationIT.WAIT);
        }
    }
}
