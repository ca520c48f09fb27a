package org.proofhub.hub.ops.routes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code /actuator/health/routes}: DOWN when one of the hub's own routes that should run (it starts by itself) is stopped
 * or suspended; per route its state, exchanges, failures, in flight, last completed and failed exchange and last error,
 * and for a route that retries its redeliveries, the attempt it is at and when it last retried (a route retrying for ever
 * stays UP — it does what it should while the database is away — and says why in {@code lastError}).
 * Part of the overall health like the connectors' component.
 */
class RoutesHealthIndicator extends AbstractHealthIndicator {
    private final HubRoutes routes;

    RoutesHealthIndicator(HubRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean allUp = true;
        for (RouteState r : routes.states()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("state", r.state());
            d.put("required", r.required() ? null : Boolean.FALSE);
            d.put("exchanges", r.exchanges());
            d.put("failed", r.failed());
            d.put("inflight", r.inflight());
            d.put("lastCompletedAt", r.lastCompletedAt());
            d.put("lastFailedAt", r.lastFailedAt());
            d.put("lastError", r.lastError());
            d.put("redeliveries", r.redeliveries() == 0 ? null : r.redeliveries());
            d.put("retrying", r.retrying() == 0 ? null : r.retrying());
            d.put("lastRetryAt", r.lastRetryAt());
            d.values().removeIf(Objects::isNull);
            builder.withDetail(r.id(), d);
            allUp &= r.up();
        }
        if (allUp) {
            builder.up();
        } else {
            builder.down();
        }
    }
}
