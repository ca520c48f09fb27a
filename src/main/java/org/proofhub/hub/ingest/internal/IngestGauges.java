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
    private final SourceBacklog backlog;

    IngestGauges(ConnectorRuntime runtime, IngestService ingest, IngestMetrics metrics, QuarantineService quarantine, java.time.Clock clock,
                 MeterRegistry registry, SourceBacklog backlog) {
        this.backlog = backlog;
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
            if ("debezium-postgres".equals(c.type())) {
                Gauge.builder("hub.ingest.source.behind", () -> {
                            Long bytes = backlog.behindBytes(id);
                            return bytes == null ? Double.NaN : bytes;
                        }).baseUnit("bytes")
                        .description("WAL the source wrote past what the connector's replication slot confirmed (asked every 15 s; "
                                + "grows while the connector is stuck or paused; NaN when the source cannot be asked)")
                        .tag("connector", id).register(registry);
            }
            if ("jdbc-poll".equals(c.type())) {
                Gauge.builder("hub.ingest.source.read.age", () -> {
                            Instant read = backlog.lastRead(id);
                            return read == null ? Double.NaN : Duration.between(read, clock.instant()).toMillis() / 1000.0;
                        }).baseUnit("seconds")
                        .description("seconds since a poll last read the source to its end (NaN before the first on this instance)")
                        .tag("connector", id).register(registry);
            }
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
