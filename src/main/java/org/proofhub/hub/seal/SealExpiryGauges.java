package org.proofhub.hub.seal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * {@code hub_seal_expiry_days{seal, purpose, unit}}: days until each active seal's certificate ends, for expiry alerts.
 * The set of active seals is read again after every change made through {@link SealAdministration} and every minute
 * (seals a unit's first verification answer creates, another instance's rotation): a rotated seal's successor appears
 * and the retired or revoked seal leaves the scrape. The days themselves are computed at each scrape.
 */
public class SealExpiryGauges {
    private final SealRegistry registry;
    private final Clock clock;
    private final MultiGauge days;

    SealExpiryGauges(SealRegistry registry, Clock clock, MeterRegistry meters) {
        this.registry = registry;
        this.clock = clock;
        this.days = MultiGauge.builder("hub.seal.expiry.days").description("days until the active seal's certificate ends").register(meters);
        refresh();
    }

    @Scheduled(fixedDelayString = "${hub.seal.gauge-interval:60s}", initialDelayString = "${hub.seal.gauge-interval:60s}")
    public void refresh() {
        days.register(registry.seals().stream().filter(s -> s.status() == SealStatus.ACTIVE)
                .map(s -> {
                    Instant notAfter = s.notAfter();
                    return MultiGauge.Row.of(Tags.of("seal", s.id(), "purpose", s.purpose().name(), "unit", s.unitCode()),
                            () -> Duration.between(clock.instant(), notAfter).toHours() / 24.0);
                })
                .toList(), true);
    }
}
