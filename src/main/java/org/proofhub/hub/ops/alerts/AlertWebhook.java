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
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Posts owed alert deliveries to the configured webhook, oldest first, one at a time so the receiver sees them in
 * order. A delivery counts when the receiver answers 2xx; otherwise it is tried again after a back-off that
 * doubles up to {@code max-backoff}, for as long as it takes: an alert is never dropped. A row is claimed (with
 * {@code FOR UPDATE SKIP LOCKED}, for the length of a post) before it is posted, so several hub instances post each
 * delivery once, and no transaction stays open while the receiver answers.
 */
final class AlertWebhook {
    private static final Logger log = LoggerFactory.getLogger(AlertWebhook.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AlertProperties.Webhook webhook;
    private final HttpClient http;

    AlertWebhook(JdbcTemplate jdbc, Clock clock, AlertProperties.Webhook webhook) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.webhook = webhook;
        this.http = HttpClient.newBuilder().connectTimeout(webhook.timeout()).build();
    }

    private record Due(long id, String body, int attempts) {
    }

    /** Posts what is due; stops at the first failure so that order is kept. @return deliveries made */
    int deliver() {
        int delivered = 0;
        while (true) {
            Instant now = clock.instant();
            Due d = claim(now);
            if (d == null) {
                return delivered;
            }
            // no transaction and no connection are held while the receiver answers
            String error = post(d.body());
            if (error != null) {
                Duration wait = backoff(d.attempts());
                jdbc.update("""
                        update ops_alert_delivery set attempts = attempts + 1, next_attempt_at = ?, last_error = ?, claimed_until = null
                        where id = ?""", Timestamp.from(now.plus(wait)), error, d.id());
                log.warn("alert webhook {}: delivery {} failed ({}); next attempt in {}", webhook.url(), d.id(), error, wait);
                return delivered;
            }
            jdbc.update("""
                    update ops_alert_delivery set delivered_at = ?, attempts = attempts + 1, last_error = null, claimed_until = null
                    where id = ?""", Timestamp.from(now), d.id());
            delivered++;
        }
    }

    /**
     * Claims the oldest delivery still owed, if it is due and no one else is posting it: for two timeouts, after which a
     * claim whose instance stopped mid-post runs out and the delivery is posted again (at least once, never lost).
     * A later delivery waits while an earlier one waits for its retry, so the receiver sees them in order.
     */
    private Due claim(Instant now) {
        List<Due> claimed = jdbc.query("""
                with oldest as (
                    select id, next_attempt_at from ops_alert_delivery
                    where delivered_at is null and (claimed_until is null or claimed_until < ?)
                    order by id limit 1 for update skip locked)
                update ops_alert_delivery d set claimed_until = ? from oldest
                where d.id = oldest.id and oldest.next_attempt_at <= ?
                returning d.id, d.body, d.attempts""", (rs, i) -> new Due(rs.getLong(1), rs.getString(2), rs.getInt(3)),
                Timestamp.from(now), Timestamp.from(now.plus(webhook.timeout().multipliedBy(2))), Timestamp.from(now));
        return claimed.isEmpty() ? null : claimed.get(0);
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
