package org.proofhub.hub.ingest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.proofhub.hub.ingest.ConnectorStatus;
import org.proofhub.hub.ingest.Connectors;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/connectors}: DOWN when an enabled connector's route is not running here nor on another instance;
 * per connector its state, lag, queue, last event, last error and pending quarantine.
 */
@Component("connectors")
class ConnectorsHealthIndicator extends AbstractHealthIndicator {
    private final Connectors connectors;

    ConnectorsHealthIndicator(Connectors connectors) {
        this.connectors = connectors;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean allUp = true;
        for (ConnectorStatus c : connectors.statuses()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("state", c.enabled() ? c.state() : "Disabled");
            d.put("runsOn", c.runsOn());
            d.put("paused", c.paused() ? Boolean.TRUE : null);
            d.put("type", c.type());
            d.put("lagMs", c.lagMs());
            d.put("sourceBehindBytes", c.sourceBehindBytes());
            d.put("sourceReadAt", c.sourceReadAt());
            d.put("queued", c.queued());
            d.put("lastEventAt", c.lastEventAt());
            d.put("lastError", c.lastError());
            d.put("quarantinePending", c.quarantinePending());
            d.values().removeIf(java.util.Objects::isNull);
            builder.withDetail(c.id(), d);
            // another instance running it is not this instance's fault; that one reports the connector's own health
            allUp &= c.upOrElsewhere();
        }
        if (allUp) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
