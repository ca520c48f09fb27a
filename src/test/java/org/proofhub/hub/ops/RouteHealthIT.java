package org.proofhub.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.Prometheus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The hub's own Camel routes in the health and the metrics: a route stopped through Camel's route controller shows DOWN
 * within seconds (its component and the overall health, {@code hub_route_up} 0) and UP again once started; an exchange
 * that fails shows in its failed count and last error, with identifiers masked; a route retrying a message shows its
 * attempts and why.
 */
class RouteHealthIT extends HubIT {
    static final String ROUTE = "verification-replies";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    CamelContext camel;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate hubDb;
    @Autowired
    jakarta.jms.ConnectionFactory connectionFactory;

    Map routes() {
        return rest.withBasicAuth("ops", "hub-demo").getForObject("/actuator/health/routes", Map.class);
    }

    Map route(String id) {
        return (Map) ((Map) routes().get("details")).get(id);
    }

    String overall() {
        return rest.withBasicAuth("ops", "hub-demo").getForEntity("/actuator/health", Map.class).getBody().get("status").toString();
    }

    @Test
    void aStoppedRouteIsDownUntilStartedAgain() throws Exception {
        Map details = (Map) routes().get("details");
        assertThat(details).containsKeys("hub-ingest", "post-check-findings", "verification-replies", "verification-data-later-person",
                "verification-data-later-legal-entity", "verification-data-later-licence", "verification-data-later-credit-record");
        assertThat(details).as("connectors have their own component").doesNotContainKeys("population", "credit");
        assertThat(routes()).containsEntry("status", "UP");
        await().atMost(Duration.ofSeconds(10)).until(() -> Prometheus.scrape(rest).value("hub_route_up", "route=\"" + ROUTE + "\""),
                v -> v != null && v == 1.0);
        try {
            camel.getRouteController().stopRoute(ROUTE);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(route(ROUTE)).containsEntry("state", "Stopped");
                assertThat(routes()).containsEntry("status", "DOWN");
                assertThat(overall()).isEqualTo("DOWN");
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> Prometheus.scrape(rest).value("hub_route_up", "route=\"" + ROUTE + "\"") == 0.0);
        } finally {
            camel.getRouteController().startRoute(ROUTE);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(route(ROUTE)).containsEntry("state", "Started");
            assertThat(routes()).containsEntry("status", "UP");
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> Prometheus.scrape(rest).value("hub_route_up", "route=\"" + ROUTE + "\"") == 1.0);
    }

    /**
     * A route of the retry-for-ever configuration that cannot process a message (here: the post-check findings' table is
     * away) keeps it and retries: the route shows the attempt it is at, why (the last attempt's error) and when it last
     * retried, in the health and {@code hub_route_retrying}; once the table is back the message is
     * processed and the route stops retrying.
     */
    @Test
    void aRouteRetryingAMessageShowsItsAttemptsAndWhy() throws Exception {
        String findings = "post-check-findings";
        String messageId = "F-retry-" + java.util.UUID.randomUUID();
        long redeliveriesBefore = ((Number) route(findings).getOrDefault("redeliveries", 0)).longValue();
        hubDb.execute("alter table post_check_finding_message rename to post_check_finding_message_away");
        try {
            try (jakarta.jms.Connection c = connectionFactory.createConnection()) {
                jakarta.jms.Session session = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue("hub.commitment.findings")).send(session.createTextMessage("""
                        {"messageId": "%s", "checkId": "no-such-check", "unit": "GAJ", "result": "CONFIRMED", "checkedBy": "王警官"}"""
                        .formatted(messageId)));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map r = route(findings);
                assertThat(((Number) r.getOrDefault("retrying", 0)).intValue()).as("%s", r).isGreaterThanOrEqualTo(2);
                assertThat(((Number) r.get("redeliveries")).longValue()).isGreaterThanOrEqualTo(redeliveriesBefore + 2);
                assertThat(r).containsKey("lastRetryAt");
                assertThat(r.get("lastError").toString()).contains("post_check_finding_message");
                assertThat(((Number) r.get("inflight")).longValue()).isPositive();
            });
            assertThat(routes()).as("retrying is what the route should do while the database is away").containsEntry("status", "UP");
            await().atMost(Duration.ofSeconds(20)).until(() -> Prometheus.scrape(rest).value("hub_route_retrying", "route=\"" + findings + "\""),
                    v -> v != null && v >= 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> Prometheus.scrape(rest).value("hub_route_redeliveries_total", "route=\"" + findings + "\""),
                    v -> v != null && v >= redeliveriesBefore + 2);
        } finally {
            hubDb.execute("alter table post_check_finding_message_away rename to post_check_finding_message");
        }
        // the table is back: the message is taken (refused for its unknown check, with the reason), the route retries no more
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(hubDb.queryForObject("select count(*) from post_check_finding_message where message_id = ? and not accepted",
                    Long.class, messageId)).isEqualTo(1);
            assertThat(route(findings)).doesNotContainKey("retrying");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> Prometheus.scrape(rest).value("hub_route_retrying", "route=\"" + findings + "\""),
                v -> v != null && v == 0.0);
    }

    @Test
    void aFailedExchangeShowsInTheFailedCountAndTheLastErrorMasked() {
        long failedBefore = ((Number) route("hub-ingest").getOrDefault("failed", 0)).longValue();
        long exchangesBefore = ((Number) route("hub-ingest").getOrDefault("exchanges", 0)).longValue();
        // not a source change: the ingest service refuses it, the exchange fails
        ProducerTemplate producer = camel.createProducerTemplate();
        org.apache.camel.Exchange sent = producer.send("direct:hub-ingest", e -> e.getIn().setBody("not a change of 11010519491231002X"));
        assertThat(sent.isFailed()).as("the exchange failed: %s", sent.getException()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map r = route("hub-ingest");
            assertThat(((Number) r.get("failed")).longValue()).as("%s", r).isEqualTo(failedBefore + 1);
            assertThat(((Number) r.get("exchanges")).longValue()).isGreaterThan(exchangesBefore);
            assertThat(r).containsKey("lastFailedAt");
            assertThat(r.get("lastError").toString()).isNotBlank().doesNotContain("11010519491231002X");
        });
        assertThat(routes()).as("a failed exchange does not stop a route").containsEntry("status", "UP");
    }
}
