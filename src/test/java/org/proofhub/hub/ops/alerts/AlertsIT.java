package org.proofhub.hub.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.ingest.Connectors;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.TestClock;
import org.proofhub.hub.support.TestData;
import org.proofhub.hub.verification.ItemKind;
import org.proofhub.hub.verification.VerificationSubmission;
import org.proofhub.hub.verification.VerificationTestConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Alerts leave the hub (SPEC §7.1): a stopped connector, requests past their deadline and an SLA breach each start
 * an alert that arrives on the Artemis alert address and at the webhook (signed, retried after the receiver failed),
 * and ends with a RESOLVED message when the condition is gone; metrics and health show a stopped connector within
 * seconds. On the hub's test clock: no waiting for real minutes.
 */
@Import(VerificationTestConfiguration.class)
class AlertsIT extends HubIT {
    static final String SECRET = "alert-test-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<Received> WEBHOOK = new CopyOnWriteArrayList<>();
    /** The receiver answers 503 to its first post: the hub must try again. */
    static final AtomicInteger POSTS = new AtomicInteger();
    /** The hub's database, for the receiver to look at while it answers. */
    static volatile JdbcTemplate database;
    /** Per post: hub backends left idle in a transaction on the delivery table while the receiver answered. */
    static final List<Long> HELD_WHILE_POSTING = new CopyOnWriteArrayList<>();
    static final HttpServer SERVER = receiver();

    record Received(JsonNode body, String raw, String signature) {
    }

    static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/alerts", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                JdbcTemplate db = database;
                if (db != null) {
                    HELD_WHILE_POSTING.add(db.queryForObject("""
                            select count(*) from pg_stat_activity where datname = current_database()
                            and state like 'idle in transaction%' and query ilike '%ops_alert_delivery%'""", Long.class));
                }
                int status = POSTS.incrementAndGet() == 1 ? 503 : 204;
                if (status == 204) {
                    String raw = new String(body, StandardCharsets.UTF_8);
                    WEBHOOK.add(new Received(JSON.readTree(raw), raw, exchange.getRequestHeaders().getFirst("X-Proof-Hub-Signature")));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void alerts(DynamicPropertyRegistry registry) {
        registry.add("hub.alerts.webhook.url", () -> "http://127.0.0.1:" + SERVER.getAddress().getPort() + "/alerts");
        registry.add("hub.alerts.webhook.secret", () -> SECRET);
        registry.add("hub.alerts.webhook.backoff", () -> "1s");
        registry.add("hub.alerts.interval", () -> "100ms");
        registry.add("hub.verification.item-terms", () -> "request");
        registry.add("hub.verification.scheduler-interval", () -> "100ms");
        registry.add("hub.verification.gauge-interval", () -> "200ms");
    }

    @AfterAll
    static void stopReceiver() {
        SERVER.stop(0);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    TestClock clock;
    @Autowired
    Connectors connectors;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    HubAlerts alerts;

    /** Waits for the webhook to have received an alert matching {@code p}, moving the clock so that retries fall due. */
    Received webhook(String what, Predicate<JsonNode> p) {
        return await(what).atMost(Duration.ofSeconds(30)).until(() -> {
            clock.advance(Duration.ofSeconds(2));
            return WEBHOOK.stream().filter(r -> p.test(r.body())).findFirst().orElse(null);
        }, r -> r != null);
    }

    String scrape() {
        return rest.withBasicAuth("ops", "hub-demo").getForObject("/actuator/prometheus", String.class);
    }

    static Predicate<JsonNode> alert(String name, String subject, String status) {
        return b -> name.equals(b.path("name").asText()) && subject.equals(b.path("subject").asText()) && status.equals(b.path("status").asText());
    }

    @Test
    void theDemoRegistersEveryUnitItsListNamesAndAMissingOneIsNamed(@Autowired org.proofhub.hub.catalog.PublishedList list,
                                                                      @Autowired org.proofhub.hub.account.Accounts accounts) {
        assertThat(AlertConfiguration.unknownListUnits(list.current(), accounts.units())).isEmpty();
        List<org.proofhub.hub.account.Accounts.Unit> withoutGaj = accounts.units().stream().filter(u -> !u.code().equals("GAJ")).toList();
        assertThat(AlertConfiguration.unknownListUnits(list.current(), withoutGaj)).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("unknown unit GAJ", "PUT /api/admin/units/{code}"));
    }

    @Test
    void alertsStartAndEndOnTheAlertAddressAndAtTheWebhook() throws Exception {
        database = hub;
        try (Connection jms = connectionFactory.createConnection()) {
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer onAddress = session.createConsumer(session.createTopic("hub.alerts"));
            jms.start();

            // a connector stopped for more than connector-down-for (1 minute of the hub's clock)
            connectors.pause("credit");
            // metrics and health show it within seconds (wall time: they do not wait for the alert's minute)
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> scrape().contains("hub_connector_up{application=\"proof-hub\",connector=\"credit\"} 0.0"));
            Map health = rest.withBasicAuth("ops", "hub-demo").getForObject("/actuator/health/connectors", Map.class);
            assertThat(((Map) ((Map) health.get("details")).get("credit")).get("state")).isNotEqualTo("Started");
            assertThat(health.get("status")).as("the connectors' health component").isEqualTo("DOWN");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            clock.advance(Duration.ofMinutes(2));
            Received down = webhook("CONNECTOR_DOWN credit", alert("CONNECTOR_DOWN", "credit", "FIRING"));
            assertThat(down.body().path("severity").asText()).isEqualTo("CRITICAL");
            assertThat(down.body().path("summary").asText()).contains("credit");
            assertThat(down.signature()).isEqualTo("sha256=" + hmac(down.raw()));
            // the receiver refused the first post: the hub tried again
            assertThat(POSTS.get()).isGreaterThanOrEqualTo(2);
            // (the receiver may see the post before the hub has committed that it was delivered)
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject(
                    "select count(*) from ops_alert_delivery where attempts = 2 and delivered_at is not null", Integer.class) == 1);

            connectors.resume("credit");
            webhook("CONNECTOR_DOWN credit resolved", alert("CONNECTOR_DOWN", "credit", "RESOLVED"));
            await().atMost(Duration.ofSeconds(10)).until(() -> scrape().contains("hub_connector_up{application=\"proof-hub\",connector=\"credit\"} 1.0"));

            // a request to GAJ left unanswered: past its 30 minutes it is overdue, 30 minutes later a breach
            String citizenId = TestData.citizenId();
            ResponseEntity<Map> submitted = rest.withBasicAuth("window.agent", "hub-demo").postForEntity("/api/verification/requests",
                    new VerificationSubmission("350100-HJ-0001", "APP-" + TestData.next(), ItemKind.INSTANT, null, "household-registration", false,
                            "GAJ", new VerificationSubmission.Subject(SubjectType.PERSON, citizenId, "测试人"), "请核实户籍。", null, null),
                    Map.class);
            assertThat(submitted.getStatusCode().value()).isEqualTo(201);
            clock.advance(Duration.ofMinutes(31));
            Received overdue = webhook("VERIFICATION_OVERDUE GAJ", alert("VERIFICATION_OVERDUE", "GAJ", "FIRING"));
            clock.advance(Duration.ofMinutes(30));
            Received breach = webhook("VERIFICATION_BREACH GAJ", alert("VERIFICATION_BREACH", "GAJ", "FIRING"));
            assertThat(breach.body().path("severity").asText()).isEqualTo("CRITICAL");
            // the verification gauges say the same
            await().atMost(Duration.ofSeconds(10)).until(() -> scrape().contains("hub_verification_requests{application=\"proof-hub\",state=\"breached\",unit=\"GAJ\"} 1.0")
                    && scrape().contains("hub_verification_breaches{application=\"proof-hub\",unit=\"GAJ\"} 1.0"));
            for (Received r : List.of(down, overdue, breach)) {
                assertThat(r.raw()).as("alerts name units and connectors, never a person").doesNotContain(citizenId, "测试人");
            }

            // the same alerts arrived on the Artemis address, each start and end once
            List<JsonNode> published = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                BytesMessage m;
                while ((m = (BytesMessage) onAddress.receive(100)) != null) {
                    byte[] b = new byte[(int) m.getBodyLength()];
                    m.readBytes(b);
                    published.add(JSON.readTree(b));
                }
                return published.stream().anyMatch(alert("VERIFICATION_BREACH", "GAJ", "FIRING"));
            });
            assertThat(published.stream().filter(alert("CONNECTOR_DOWN", "credit", "FIRING"))).hasSize(1);
            assertThat(published.stream().filter(alert("CONNECTOR_DOWN", "credit", "RESOLVED"))).hasSize(1);
            assertThat(published.stream().filter(alert("VERIFICATION_OVERDUE", "GAJ", "FIRING"))).hasSize(1);
        }

        // no transaction waited for the receiver: the deliveries were claimed, then posted
        assertThat(HELD_WHILE_POSTING).isNotEmpty().containsOnly(0L);

        // operators list them; window agents may not
        List<Map> listed = rest.withBasicAuth("ops", "hub-demo").getForObject("/api/ops/alerts", List.class);
        assertThat(listed).anySatisfy(a -> assertThat(a).containsEntry("name", "VERIFICATION_BREACH").containsEntry("status", "FIRING"));
        assertThat(listed).anySatisfy(a -> assertThat(a).containsEntry("name", "CONNECTOR_DOWN").containsEntry("status", "RESOLVED"));
        assertThat(rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/ops/alerts", Map.class).getStatusCode().value())
                .isEqualTo(403);

        // evaluating again starts nothing new for an open alert: it is sent once (other conditions may come and go meanwhile:
        // the credit connector's lag, measured on the clock the test moved by hours, until its next poll)
        String breaches = "select count(*) from ops_alert where name = 'VERIFICATION_BREACH' and subject = 'GAJ'";
        assertThat(hub.queryForObject(breaches, Long.class)).isEqualTo(1);
        alerts.evaluate();
        assertThat(hub.queryForObject(breaches, Long.class)).isEqualTo(1);
    }

    static String hmac(String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
