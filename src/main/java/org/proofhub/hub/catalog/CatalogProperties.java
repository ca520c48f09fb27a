package org.proofhub.hub.catalog;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the certificate-free list ({@code hub.catalog.*}).
 *
 * @param seedFile          the list loaded as its first published version when the database has none; empty means
 *                          {@code <hub.ingest.config-directory>/list/certificate-free-list.yaml}
 * @param calendar          the working-day calendar (holidays, 调休上班); empty means
 *                          {@code <hub.ingest.config-directory>/list/working-days.calendar.yaml}
 * @param changeDueWorkingDays a change must be published within this many working days of its cause (001 art. 5)
 */
@Validated
@ConfigurationProperties("hub.catalog")
public record CatalogProperties(
        @DefaultValue("") String seedFile,
        @DefaultValue("") String calendar,
        @DefaultValue("3") @Min(1) @Max(60) int changeDueWorkingDays) {
}
