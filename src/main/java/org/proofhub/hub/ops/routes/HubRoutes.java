package org.proofhub.hub.ops.routes;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.RoutePolicySupport;
import org.proofhub.hub.ingest.Connectors;
import org.proofhub.hub.platform.Masking;

/**
 * The hub's own Camel routes, those that are not connectors (connectors have their own status and health). Camel's
 * management (JMX) statistics are not in this hub (no camel-management), so a route policy on every route counts its
 * exchanges: two counters and a time per exchange, no more. State comes from the route controller.
 *
 * <p>A route that retries for ever (the hub-retry-forever configuration: replies, findings, data later, while the database
 * is away) never completes or fails the exchange it retries: its redeliveries are counted by an event notifier, with the
 * error of the last attempt, so that the route shows why it is stuck rather than only an exchange in flight.
 */
public class HubRoutes implements RoutePolicyFactory {
    private static final int ERROR_LENGTH = 300;

    private final CamelContext camel;
    private final Connectors connectors;
    private final Clock clock;
    private final Map<String, Counts> counts = new ConcurrentHashMap<>();

    public HubRoutes(CamelContext camel, Connectors connectors, Clock clock) {
        this.camel = camel;
        this.connectors = connectors;
        this.clock = clock;
        // before the context starts and creates the routes from routes/*.yaml and the connectors
        camel.addRoutePolicyFactory(this);
        camel.getManagementStrategy().addEventNotifier(new Redeliveries());
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        Counts c = counts.computeIfAbsent(routeId, id -> new Counts());
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route r, Exchange exchange) {
                c.inflight.increment();
            }

            @Override
            public void onExchangeDone(Route r, Exchange exchange) {
                c.inflight.decrement();
                c.done(exchange, clock.instant());
            }

            @Override
            public void onStart(Route r) {
                // an exchange a stop cut short while it was being retried is not retried any more
                c.retrying.clear();
            }
        };
    }

    /** The hub's routes that are not connectors, by id. */
    public List<RouteState> states() {
        Set<String> connectorIds = connectors.ids();
        return camel.getRoutes().stream().filter(r -> !connectorIds.contains(r.getRouteId()))
                .sorted(Comparator.comparing(Route::getRouteId)).map(this::state).toList();
    }

    /** The route's state, or null when there is no such route. */
    public RouteState state(String routeId) {
        Route r = camel.getRoute(routeId);
        return r == null ? null : state(r);
    }

    private RouteState state(Route r) {
        ServiceStatus status = camel.getRouteController().getRouteStatus(r.getRouteId());
        Counts c = counts.getOrDefault(r.getRouteId(), Counts.NONE);
        return new RouteState(r.getRouteId(), r.getDescription(), status == null ? "Unknown" : status.name(), r.isAutoStartup(),
                c.exchanges.sum(), c.failed.sum(), Math.max(0, c.inflight.sum()), c.lastCompletedAt, c.lastFailedAt, c.lastError,
                c.redeliveries.sum(), c.retrying(), c.lastRetryAt);
    }

    /** Counts every redelivery attempt of an exchange by the route it came from. */
    private final class Redeliveries extends EventNotifierSupport {
        Redeliveries() {
            setIgnoreCamelContextEvents(true);
            setIgnoreCamelContextInitEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeCompletedEvent(true);
            // not setIgnoreExchangeFailedEvents: Camel gates the redelivery events with it (isEnabled keeps only those)
            setIgnoreExchangeSendingEvents(true);
            setIgnoreExchangeSentEvents(true);
            setIgnoreExchangeAsyncProcessingStartedEvents(true);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.ExchangeRedeliveryEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            CamelEvent.ExchangeRedeliveryEvent redelivery = (CamelEvent.ExchangeRedeliveryEvent) event;
            Exchange exchange = redelivery.getExchange();
            String routeId = exchange.getFromRouteId();
            if (routeId == null) {
                return;
            }
            Throwable cause = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            counts.computeIfAbsent(routeId, id -> new Counts()).redelivered(exchange.getExchangeId(), redelivery.getAttempt(), cause,
                    clock.instant());
        }
    }

    private static final class Counts {
        static final Counts NONE = new Counts();
        final LongAdder exchanges = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder inflight = new LongAdder();
        volatile Instant lastCompletedAt;
        volatile Instant lastFailedAt;
        volatile String lastError;
        final LongAdder redeliveries = new LongAdder();
        /**
         * The exchanges being retried now and the attempt each is at: an exchange leaves when it completes or fails. Per
         * exchange, because a route with several consumers completes other exchanges while one is stuck retrying.
         */
        final Map<String, Integer> retrying = new ConcurrentHashMap<>();
        volatile Instant lastRetryAt;

        void redelivered(String exchangeId, int attempt, Throwable cause, Instant now) {
            redeliveries.increment();
            retrying.put(exchangeId, attempt);
            lastRetryAt = now;
            if (cause != null) {
                lastError = masked(cause);
            }
        }

        /** The highest attempt among the exchanges being retried now; 0 when none is. */
        int retrying() {
            int highest = 0;
            for (int attempt : retrying.values()) {
                highest = Math.max(highest, attempt);
            }
            return highest;
        }

        void done(Exchange exchange, Instant now) {
            retrying.remove(exchange.getExchangeId());
            exchanges.increment();
            if (exchange.isFailed()) {
                failed.increment();
                lastFailedAt = now;
                Throwable e = exchange.getException();
                lastError = e == null ? "failed" : masked(e);
            } else {
                lastCompletedAt = now;
            }
        }

        /** The failure's type and message, identifiers masked (a message may quote a record), cut short. */
        static String masked(Throwable e) {
            String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Masking.maskIdentifiers(e.getMessage()));
            return text.length() > ERROR_LENGTH ? text.substring(0, ERROR_LENGTH) + "…" : text;
        }
    }
}
