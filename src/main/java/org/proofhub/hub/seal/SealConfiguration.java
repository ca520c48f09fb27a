package org.proofhub.hub.seal;

import java.time.Clock;
import java.util.List;
import org.proofhub.hub.platform.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Opens the seal directory (creating the local CA, the TSA key and the hub's data-sharing seal on
 * first start) and exposes the seal capability to the rest of the hub.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SealProperties.class)
public class SealConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SealConfiguration.class);

    @Bean
    SealModule sealModule(SealProperties properties, HubProperties hub, Clock clock) {
        SealSettings settings = new SealSettings(properties.directoryOr(hub.dataPath()), properties.tokenPassword().toCharArray(),
                properties.caPassword().toCharArray(), properties.certificateValidity(), SealSettings.DEFAULT_CRL_VALIDITY);
        SealModule module = SealModule.open(settings, clock);
        // the hub's own seals: data-sharing for proofs from shared data, audit for the audit chain's checkpoints,
        // commitment letters for the notification and commitment letters (made on the next start of an older hub too)
        for (Seal seal : module.registry().createMissing(List.of(SealPurpose.DATA_SHARING, SealPurpose.AUDIT, SealPurpose.COMMITMENT_LETTER),
                properties.hubUnit(), properties.algorithm())) {
            log.info("created the {} seal {} ({}) for unit {}", seal.purpose().label(), seal.id(), seal.algorithm(), properties.hubUnit());
        }
        module.registry().expiringWithin(properties.expiryWarning(), clock.instant()).forEach(s ->
                log.warn("seal {} ({}) certificate ends {}: rotate it", s.id(), s.purpose().label(), s.notAfter()));
        return module;
    }

    /** Days until each active seal's certificate ends, for expiry alerts ({@code hub_seal_expiry_days}). */
    @Bean
    SealExpiryGauges sealExpiryGauges(SealModule module, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
        return new SealExpiryGauges(module.registry(), clock, meters);
    }

    @Bean
    Sealer sealer(SealModule module) {
        return module.sealer();
    }

    @Bean
    SealRegistry sealRegistry(SealModule module) {
        return module.registry();
    }

    @Bean
    SealVerifier sealVerifier(SealModule module) {
        return module.verifier();
    }
}
