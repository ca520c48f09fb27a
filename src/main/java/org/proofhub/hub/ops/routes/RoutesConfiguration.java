package org.proofhub.hub.ops.routes;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.camel.CamelContext;
import org.proofhub.hub.ingest.Connectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The hub's own routes' health ({@code /actuator/health/routes}) and {@code hub_route_up{route}} (1 running or not meant
 * to run by itself, 0 stopped): Camel's micrometer metrics count exchanges but say nothing of a route being up.
 */
@Configuration(proxyBeanMethods = false)
public class RoutesConfiguration {

    /** Camel adds a policy from it to every route it creates (a RoutePolicyFactory bean). */
    @Bean
    HubRoutes hubRoutes(CamelContext camel, Connectors connectors, Clock clock) {
        return new HubRoutes(camel, connectors, clock);
    }

    @Bean("routes")
    RoutesHealthIndicator routesHealthIndicator(HubRoutes routes) {
        return new RoutesHealthIndicator(routes);
    }

    @Bean
    RouteGauges routeGauges(HubRoutes routes, MeterRegistry meters) {
        return new RouteGauges(routes, meters);
    }

    /**
     * The set of routes is read again every 5 seconds (routes come with the context's start); the value at each scrape.
     * {@code hub_route_redeliveries_total} is a counter (it only grows), registered once per route.
     */
    static final class RouteGauges {
        private final HubRoutes routes;
        private final MeterRegistry meters;
        private final MultiGauge up;
        private final MultiGauge retrying;

        RouteGauges(HubRoutes routes, MeterRegistry meters) {
            this.routes = routes;
            this.meters = meters;
            this.up = MultiGauge.builder("hub.route.up").description("1 when the hub's route runs (or is not meant to run by itself), 0 when stopped")
                    .register(meters);
            this.retrying = MultiGauge.builder("hub.route.retrying")
                    .description("The highest redelivery attempt among the exchanges the route is retrying now; 0 when it retries none")
                    .register(meters);
        }

        @Scheduled(fixedDelay = 5_000, initialDelay = 1_000)
        void refresh() {
            List<RouteState> states = routes.states();
            up.register(rows(states, now -> now.up() ? 1 : 0), true);
            retrying.register(rows(states, RouteState::retrying), true);
            // registering an existing counter again returns it
            states.forEach(r -> FunctionCounter.builder("hub.route.redeliveries", routes, h -> {
                RouteState now = h.state(r.id());
                return now == null ? 0 : now.redeliveries();
            }).description("Redelivery attempts of the route's exchanges since the hub started").tag("route", r.id()).register(meters));
        }

        /** A row per route, its value read from the route's state at each scrape (0 once the route is gone). */
        private List<MultiGauge.Row<?>> rows(List<RouteState> states, ToDoubleFunction<RouteState> value) {
            return states.stream().<MultiGauge.Row<?>>map(r -> MultiGauge.Row.of(Tags.of("route", r.id()), routes, h -> {
                RouteState now = h.state(r.id());
                return now == null ? 0 : value.applyAsDouble(now);
            })).toList();
        }
    }
}
