package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The broker drops a copy the relay sends again only while its duplicate-detection id is among the last
 * {@code hub.broker.id-cache-size} ids of its address (deploy/README.md): here three, so three later requests to the
 * same unit push the first one's id out, and a copy left for the relay after them reaches the unit again.
 */
@TestPropertySource(properties = "hub.broker.id-cache-size=3")
class DuplicateWindowIT extends VerificationIT {

    @Test
    void aCopyIsDroppedOnlyWhileItsIdIsAmongTheLastOfItsAddress() throws Exception {
        assertThat(broker.getActiveMQServer().getConfiguration().getIDCacheSize()).isEqualTo(3);
        try (Department gaj = Department.requests(connectionFactory, "GAJ")) {
            Submitted first = submit("window.agent", personRequest("GAJ"));
            VerificationRequestMessage request = gaj.awaitRequest(first.requestId(), WAIT);
            await().atMost(WAIT).until(() -> VerificationHandOverIT.outboxRows(hub, first.requestId()) == 0);

            // within the window: dropped
            VerificationHandOverIT.leaveForTheRelay(hub, request, "verification/request/" + first.requestId());
            await().atMost(WAIT).until(() -> VerificationHandOverIT.outboxRows(hub, first.requestId()) == 0);
            assertThat(VerificationHandOverIT.requestIdsArriving(gaj)).doesNotContain(first.requestId());

            for (int i = 0; i < 3; i++) {
                Submitted later = submit("window.agent", personRequest("GAJ"));
                gaj.awaitRequest(later.requestId(), WAIT);
            }
            // past it: the same copy arrives again
            VerificationHandOverIT.leaveForTheRelay(hub, request, "verification/request/" + first.requestId());
            await().atMost(WAIT).until(() -> VerificationHandOverIT.outboxRows(hub, first.requestId()) == 0);
            assertThat(VerificationHandOverIT.requestIdsArriving(gaj)).containsOnlyOnce(first.requestId());
        }
    }
}
