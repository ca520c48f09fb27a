package org.proofhub.hub.support;

import java.nio.file.Path;
import java.util.UUID;
import org.proofhub.hub.HubApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests that run the whole hub on the real embedded PostgreSQL and Artemis with
 * a small demo. Test classes with the same configuration share one running hub (Spring's context cache).
 * Metrics export stays on (Boot turns it off in tests by default): operators' dashboards are tested too.
 */
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.demo.persons=200",
        "hub.demo.legal-entities=50",
        "hub.demo.live-changes-per-second=0",
        "hub.demo.export-interval=200ms",
        "hub.ingest.outbox-interval=20ms",
        "CREDIT_POLL_INTERVAL_MS=200",
        "CREDIT_RECONCILE_EVERY_POLLS=3",
        "LEGAL_PERSON_HEARTBEAT_INTERVAL_MS=500",
        "spring.artemis.embedded.queues=",
        // administrators' one-time codes have their own test (SecondFactorIT); the other tests log in with passwords only
        "hub.accounts.second-factor-roles=",
})
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
public abstract class HubIT {

    /** Called once per context Spring starts: each running hub gets its own data directory and broker id. */
    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        Path run = RunDirectories.next("it");
        registry.add("hub.data-dir", run::toString);
        int serverId = (int) (Math.abs(UUID.randomUUID().getLeastSignificantBits()) % 10_000);
        registry.add("spring.artemis.embedded.server-id", () -> serverId);
    }
}
