package org.proofhub.hub.demo;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The demo ({@code hub.demo.*}): four simulated department databases on the embedded PostgreSQL,
 * the licence department's export job, live changes, and demo units and accounts.
 *
 * @param persons               persons in the population database (at least 200)
 * @param legalEntities         enterprises in the legal person database (at least 50)
 * @param seed                  the same seed gives the same people and companies
 * @param cdcPassword           password of the hub_cdc login the departments grant
 * @param liveChangesPerSecond  rows the departments change per second, so CDC is visible; 0 = none
 * @param exportInterval        how often the licence department exports its change file
 * @param accountPassword       password of every demo account
 */
@Validated
@ConfigurationProperties("hub.demo")
public record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("10000") @Min(200) int persons,
        @DefaultValue("2000") @Min(50) int legalEntities,
        @DefaultValue("20261126") long seed,
        @DefaultValue("hub-cdc-demo") @NotBlank String cdcPassword,
        @DefaultValue("1") @Min(0) double liveChangesPerSecond,
        @DefaultValue("3s") Duration exportInterval,
        @DefaultValue("hub-demo") @NotBlank String accountPassword) {
}
