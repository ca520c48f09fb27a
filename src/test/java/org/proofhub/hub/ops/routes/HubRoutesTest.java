package org.proofhub.hub.ops.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.ingest.ConnectorStatus;
import org.proofhub.hub.ingest.Connectors;

/**
 * A route's retrying state in a real Camel context: an exchange stuck retrying keeps showing while another exchange of the
 * same route completes (the verification replies have two consumers), and clears once it completes itself.
 */
class HubRoutesTest {
    private final AtomicBoolean databaseAway = new AtomicBoolean(true);
    private CamelContext camel;
    private HubRoutes routes;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        routes = new HubRoutes(camel, new NoConnectors(), Clock.systemUTC());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(-1).redeliveryDelay(5));
                from("direct:replies").routeId("replies").process(e -> {
                    if (e.getIn().getBody(String.class).equals("needs the database") && databaseAway.get()) {
                        throw new IllegalStateException("the database is away");
                    }
                });
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        databaseAway.set(false);
        camel.stop();
    }

    @Test
    void anExchangeRetryingShowsWhileOtherExchangesOfTheRouteComplete() {
        CompletableFuture<Object> stuck = CompletableFuture.supplyAsync(() -> camel.createProducerTemplate().requestBody("direct:replies",
                "needs the database"));
        await().atMost(Duration.ofSeconds(10)).until(() -> routes.state("replies").retrying() >= 2);

        camel.createProducerTemplate().requestBody("direct:replies", "fine");
        RouteState meanwhile = routes.state("replies");
        assertThat(meanwhile.lastCompletedAt()).as("the other consumer completed its exchange").isNotNull();
        assertThat(meanwhile.retrying()).as("the stuck exchange still shows").isGreaterThanOrEqualTo(2);
        assertThat(meanwhile.lastError()).contains("the database is away");

        databaseAway.set(false);
        stuck.join();
        RouteState after = routes.state("replies");
        assertThat(after.retrying()).isZero();
        assertThat(after.exchanges()).isEqualTo(2);
        assertThat(after.redeliveries()).isGreaterThanOrEqualTo(2);
    }

    private static final class NoConnectors implements Connectors {
        @Override
        public List<ConnectorStatus> statuses() {
            return List.of();
        }

        @Override
        public ConnectorStatus status(String connectorId) {
            return null;
        }

        @Override
        public void pause(String connectorId) {
        }

        @Override
        public void resume(String connectorId) {
        }
    }
}
