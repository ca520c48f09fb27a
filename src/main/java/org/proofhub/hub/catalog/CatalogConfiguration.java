package org.proofhub.hub.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.catalog.internal.ListVersions;
import org.proofhub.hub.ingest.IngestProperties;
import org.proofhub.hub.platform.BeijingTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The certificate-free list: the working-day calendar is read and checked at start-up (a bad file stops
 * the start naming file and key), the seed file becomes the first published version on first start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogProperties.class)
public class CatalogConfiguration {
    private static final Logger log = LoggerFactory.getLogger(CatalogConfiguration.class);

    @Bean
    WorkingDayCalendar workingDayCalendar(CatalogProperties properties, IngestProperties ingest, Clock clock) {
        Path file = resolve(properties.calendar(), ingest, "list/working-days.calendar.yaml");
        if (!Files.exists(file) && properties.calendar().isBlank()) {
            log.warn("no working-day calendar at {}: only weekends count as days off", file);
            return WorkingDayCalendar.weekendsOnly();
        }
        WorkingDayCalendar calendar = WorkingDayCalendar.load(file, "list/" + file.getFileName());
        LocalDate today = BeijingTime.today(clock);
        if (!calendar.covers(today)) {
            log.warn("the working-day calendar {} has no holidays for {}: add them, until then only weekends count as days off", file, today.getYear());
        }
        return calendar;
    }

    @Bean
    ListVersions listVersions(JdbcTemplate jdbc, TransactionTemplate tx, KnownProofTypes proofTypes, WorkingDayCalendar calendar,
                              CatalogProperties properties, IngestProperties ingest, AuditLog audit, Clock clock) {
        ListVersions versions = new ListVersions(jdbc, tx, proofTypes, calendar, properties.changeDueWorkingDays(), audit, clock);
        Path seed = resolve(properties.seedFile(), ingest, "list/certificate-free-list.yaml");
        versions.seedIfEmpty(() -> CertificateFreeLists.load(seed, proofTypes.ids()), "list/" + seed.getFileName());
        return versions;
    }

    private static Path resolve(String configured, IngestProperties ingest, String fallback) {
        return configured.isBlank() ? ingest.configPath().resolve(fallback) : Path.of(configured).toAbsolutePath().normalize();
    }
}
