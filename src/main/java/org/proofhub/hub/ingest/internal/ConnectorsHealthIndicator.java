package org.proofhub.hub.ingest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/connectors}: DOWN when an enabled connector's route is not running;
 * per connector its state, lag, queue, last event, last error and pending quarantine.
 */
@Component("connectors")
class ConnectorsHealthIndicator extends AbstractHealthIndicator {
    private final ConnectorRuntime runtime;
    private final IngestService ingest;
    private final IngestMetrics metrics;
    private final QuarantineService quarantine;

    ConnectorsHealthIndicator(ConnectorRuntime runtime, IngestService ingest, IngestMetrics metrics, QuarantineService quarantine) {
        this.runtime = runtime;
        this.ingest = ingest;
        this.metrics = metrics;
        this.quarantine = quarantine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Long> pending = quarantine.pendingByConnector();
        boolean allUp = true;
        for (ConnectorDefinition c : ingest.config().connectors().values()) {
            Map<String, Object> d = new LinkedHashMap<>();
            String state = runtime.status(c.id());
            d.put("state", c.enabled() ? state : "Disabled");
            d.put("type", c.type());
            d.put("lagMs", metrics.lagMs(c.id()));
            d.put("queued", ingest.queued(c.id()));
            d.put("lastEventAt", metrics.lastEvent(c.id()));
            d.put("lastError", ingest.lastError(c.id()));
            d.put("quarantinePending", pending.getOrDefault(c.id(), 0L));
            d.values().removeIf(java.util.Objects::isNull);
            builder.withDetail(c.id(), d);
            allUp &= !c.enabled() || "Started".equals(state);
        }
        if (allUp) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
