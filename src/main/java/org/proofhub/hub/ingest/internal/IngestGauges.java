package org.proofhub.hub.ingest.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.ingest.IngestConfig;
import org.proofhub.hub.ingest.ConnectorStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Operators' gauges per connector: is it running ({@code hub_connector_up}), how many of its changes
 * wait in quarantine ({@code hub_ingest_quarantine_pending}), and seconds since its last event.
 * The quarantine count is refreshed every few seconds, not per scrape.
 */
@Component
class IngestGauges {
    private final ConnectorRuntime runtime;
    private final IngestService ingest;
    private final IngestMetrics metrics;
    private final QuarantineService quarantine;
    private final java.time.Clock clock;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    IngestGauges(ConnectorRuntime runtime, IngestService ingest, IngestMetrics metrics, QuarantineService quarantine, java.time.Clock clock,
                 MeterRegistry registry) {
        this.runtime = runtime;
        this.ingest = ingest;
        this.metrics = metrics;
        this.quarantine = quarantine;
        this.clock = clock;
        this.registry = registry;
        register(ingest.config());
    }

    /** Gauges for every connector of {@code config}; those registered before stay (Micrometer keeps one per name and tags). */
    void register(IngestConfig config) {
        for (ConnectorDefinition c : config.connectors().values()) {
            String id = c.id();
            Gauge.builder("hub.connector.up", () -> ConnectorStatus.upOrElsewhere(enabled(id), runtime.status(id)) ? 1 : 0)
                    .description("1 when the connector's route runs here, or another hub instance runs it, or it is disabled "
                            + "(or its file gone); 0 when it is stopped or failed")
                    .tag("connector", id).register(registry);
            if (c.enabled()) {
                Gauge.builder("hub.connector.leader", () -> runtime.runsHere(id) ? 1 : 0)
                        .description("1 on the hub instance that runs the connector (holds its lock); summed over the instances: 1")
                        .tag("connector", id).register(registry);
            }
            Gauge.builder("hub.ingest.quarantine.pending", pending, m -> m.getOrDefault(id, 0L))
                    .description("source changes of the connector waiting in quarantine").tag("connector", id).register(registry);
            Gauge.builder("hub.ingest.idle", () -> idleSeconds(id)).baseUnit("seconds")
                    .description("seconds since the connector last wrote a change").tag("connector", id).register(registry);
        }
    }

    private boolean enabled(String connectorId) {
        ConnectorDefinition c = ingest.config().connectors().get(connectorId);
        return c != null && c.enabled();
    }

    private double idleSeconds(String connector) {
        Instant last = metrics.lastEvent(connector);
        return last == null ? -1 : Duration.between(last, clock.instant()).toSeconds();
    }

    @Scheduled(fixedDelay = 5_000, initialDelay = 1_000)
    void refresh() {
        Map<String, Long> now = quarantine.pendingByConnector();
        ingest.config().connectors().keySet().forEach(id -> pending.put(id, now.getOrDefault(id, 0L)));
    }
}
