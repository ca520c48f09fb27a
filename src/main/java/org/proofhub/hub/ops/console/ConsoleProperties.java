package org.proofhub.hub.ops.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Console settings ({@code hub.console.*}).
 *
 * @param slaDueSoon       the SLA board counts an unanswered request as due soon when its deadline is this close
 *                         (a way of looking, not a time limit: {@code hub.verification.speed-up} leaves it alone)
 * @param slaRefresh       how often the SLA board's live stream counts again while someone watches it
 * @param slaStreamTimeout how long one event stream stays open; the browser then reconnects by itself
 */
@Validated
@ConfigurationProperties("hub.console")
public record ConsoleProperties(
        @DefaultValue("10m") Duration slaDueSoon,
        @DefaultValue("1s") Duration slaRefresh,
        @DefaultValue("10m") Duration slaStreamTimeout) {

    public ConsoleProperties {
        requirePositive(slaDueSoon, "sla-due-soon");
        requirePositive(slaRefresh, "sla-refresh");
        requirePositive(slaStreamTimeout, "sla-stream-timeout");
    }

    private static void requirePositive(Duration d, String key) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("hub.console." + key + " must be a positive duration, is " + d);
        }
    }
}
