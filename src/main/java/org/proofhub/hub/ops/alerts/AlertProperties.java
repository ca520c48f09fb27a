package org.proofhub.hub.ops.alerts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Alerts that leave the hub ({@code hub.alerts.*}): every alert that starts or ends is published on an Artemis
 * address and, when a webhook is configured, posted to it as JSON.
 *
 * @param enabled             evaluate alerts in this hub instance
 * @param interval            how often the conditions are evaluated
 * @param address             the Artemis address alerts are published on (multicast: every subscriber gets each)
 * @param connectorDownFor    how long a connector must be stopped before it is an alert (a restart is not)
 * @param lagAbove            a running connector further behind its source than this is an alert
 * @param quarantineGrowth    this many more rows in a connector's quarantine within {@code quarantineWindow} is an alert
 * @param quarantineWindow    the window quarantine growth is measured over
 * @param sealExpiryWithin    a seal certificate ending within this time is an alert
 * @param webhook             where alerts are posted, if anywhere
 */
@Validated
@ConfigurationProperties("hub.alerts")
public record AlertProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("15s") Duration interval,
        @DefaultValue("hub.alerts") String address,
        @DefaultValue("1m") Duration connectorDownFor,
        @DefaultValue("1m") Duration lagAbove,
        @DefaultValue("20") int quarantineGrowth,
        @DefaultValue("15m") Duration quarantineWindow,
        @DefaultValue("30d") Duration sealExpiryWithin,
        @DefaultValue Webhook webhook) {

    /**
     * @param url      the receiver (e.g. an Alertmanager-compatible bridge, a chat bot, a ticket system); empty = none
     * @param secret   when set, each post carries {@code X-Proof-Hub-Signature: sha256=<HMAC-SHA256 of the body>}
     * @param timeout  how long one post may take
     * @param backoff  the wait after a failed post, doubled each time up to {@code maxBackoff}
     */
    public record Webhook(@DefaultValue("") String url, @DefaultValue("") String secret, @DefaultValue("5s") Duration timeout,
                          @DefaultValue("10s") Duration backoff, @DefaultValue("10m") Duration maxBackoff) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }
}
