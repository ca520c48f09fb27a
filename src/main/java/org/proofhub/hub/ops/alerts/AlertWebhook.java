package org.proofhub.hub.ops.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts owed alert deliveries to the configured webhook, oldest first, one at a time so the receiver sees them in
 * order. A delivery counts when the receiver answers 2xx; otherwise it is tried again after a back-off that
 * doubles up to {@code max-backoff}, for as long as it takes: an alert is never dropped. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several hub instances post each delivery once.
 */
final class AlertWebhook {
    private static final Logger log = LoggerFactory.getLogger(AlertWebhook.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AlertProperties.Webhook webhook;
    private final HttpClient http;

    AlertWebhook(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, AlertProperties.Webhook webhook) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.webhook = webhook;
        this.http = HttpClient.newBuilder().connectTimeout(webhook.timeout()).build();
    }

    private record Due(long id, String body, int attempts, Instant nextAttemptAt) {
    }

    /** Posts what is due; stops at the first failure so that order is kept. @return deliveries made */
    int deliver() {
        int delivered = 0;
        while (true) {
            Boolean ok = tx.execute(s -> {
                Instant now = clock.instant();
                var due = jdbc.query("""
                        select id, body, attempts, next_attempt_at from ops_alert_delivery where delivered_at is null
                        order by id limit 1 for update skip locked""", (rs, i) -> new Due(rs.getLong(1), rs.getString(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant()));
                if (due.isEmpty()) {
                    return null;
                }
                Due d = due.get(0);
                if (d.nextAttemptAt().isAfter(now)) {
                    return null;
                }
                String error = post(d.body());
                if (error == null) {
                    jdbc.update("update ops_alert_delivery set delivered_at = ?, attempts = attempts + 1, last_error = null where id = ?",
                            Timestamp.from(now), d.id());
                    return true;
                }
                Duration wait = backoff(d.attempts());
                jdbc.update("update ops_alert_delivery set attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?",
                        Timestamp.from(now.plus(wait)), error, d.id());
                log.warn("alert webhook {}: delivery {} failed ({}); next attempt in {}", webhook.url(), d.id(), error, wait);
                return false;
            });
            if (!Boolean.TRUE.equals(ok)) {
                return delivered;
            }
            delivered++;
        }
    }

    Duration backoff(int attemptsBefore) {
        Duration wait = webhook.backoff();
        for (int i = 0; i < attemptsBefore && wait.compareTo(webhook.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(webhook.maxBackoff()) > 0 ? webhook.maxBackoff() : wait;
    }

    /** @return null when the receiver took it, else why not */
    private String post(String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(webhook.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!webhook.secret().isBlank()) {
            request.header("X-Proof-Hub-Signature", "sha256=" + hmac(body));
        }
        try {
            HttpResponse<Void> r = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode();
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    String hmac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhook.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
