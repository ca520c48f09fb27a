package org.proofhub.hub.verification.internal;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.rating.RatedServices;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.platform.BrokerState;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.verification.Rosters;
import org.proofhub.hub.verification.ServiceItemPolicy;
import org.proofhub.hub.verification.PostCheckDeadlines;
import org.proofhub.hub.verification.VerificationProofIssuer;
import org.proofhub.hub.platform.HubProperties;
import org.proofhub.hub.verification.VerificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires department verification. A roster file named by {@code hub.verification.roster-file} is checked
 * and applied here, so a wrong file stops the start naming file and key; a unit without anyone on duty is
 * reported at start-up and by the health component {@code verificationRoster}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VerificationProperties.class)
public class VerificationConfiguration {
    private static final Logger log = LoggerFactory.getLogger(VerificationConfiguration.class);
    /** Not DOWN: the hub runs; one unit cannot answer in time and operators should know. */
    static final Status WARNING = new Status("WARNING", "a unit has nobody on duty for verification requests");

    /**
     * The published list decides whether an item may obtain a proof by department verification and its terms
     * ({@code hub.verification.item-terms=list}, the default). {@code request} takes the terms the request
     * carries, for a hub run without a list.
     */
    @Bean
    @ConditionalOnProperty(name = "hub.verification.item-terms", havingValue = "list", matchIfMissing = true)
    ServiceItemPolicy listServiceItemPolicy(PublishedList list, VerificationProperties props) {
        return new ListServiceItemPolicy(list, props);
    }

    /** Handled verification requests are rated (好差评) as a service of the issuing unit; the target is the request id. */
    @Bean
    RatedServices verificationRatings(JdbcTemplate jdbc) {
        return new RatedServices() {
            @Override
            public String targetType() {
                return "VERIFICATION";
            }

            @Override
            public Optional<RatedService> find(String id) {
                // the issuing unit's answer is rated, by the requesting unit's window where the applicant is
                return jdbc.query("select issuing_unit, service_item_code, status, requesting_unit from verification_request where id = ?",
                        (rs, i) -> new RatedService(rs.getString(1), rs.getString(2),
                                Set.of("CONFIRMED", "REJECTED", "RETURNED").contains(rs.getString(3)), rs.getString(3), rs.getString(4)), id)
                        .stream().findFirst();
            }
        };
    }

    @Bean
    RequestStore verificationRequestStore(JdbcTemplate jdbc, Clock clock, DataProtection protection) {
        return new RequestStore(jdbc, clock, protection);
    }

    @Bean
    RosterStore verificationRosterStore(JdbcTemplate jdbc, Clock clock) {
        return new RosterStore(jdbc, clock);
    }

    @Bean
    RosterService verificationRosters(JdbcTemplate jdbc, PlatformTransactionManager txm, RosterStore rosters, RequestStore requests,
                                      Accounts accounts, ResourceLoader resources, Clock clock, VerificationProperties props, AuditLog audit) {
        RosterService service = new RosterService(jdbc, new TransactionTemplate(txm), rosters, requests, accounts, resources, clock, audit);
        if (!props.rosterFile().isBlank()) {
            service.apply(props.rosterFile());
        }
        return service;
    }

    @Bean
    DeadlineScheduler verificationDeadlineScheduler(DataSource dataSource, Clock clock, VerificationProperties props, HubProperties hub,
                                                    ObjectProvider<VerificationProofIssuer> issuers, ObjectProvider<PostCheckDeadlines> postChecks,
                                                    ObjectProvider<MeterRegistry> registry, DataProtection protection) {
        String instanceId = props.instanceId().isBlank() ? hub.resolvedInstanceId() : props.instanceId();
        return new DeadlineScheduler(dataSource, clock, props, instanceId, issuers, postChecks, registry.getIfAvailable(), protection);
    }

    @Bean
    BrokerHandOver verificationBrokerHandOver(DataSource dataSource, ConnectionFactory connectionFactory, VerificationProperties props,
                                              ObjectProvider<BrokerState> broker) {
        return new BrokerHandOver(dataSource, connectionFactory, props.handOverSessions(), broker.getIfAvailable(BrokerState::unknown));
    }

    @Bean
    IdScanRetention verificationIdScanRetention(RequestStore store, PlatformTransactionManager txm, AuditLog audit, VerificationProperties props,
                                                Clock clock) {
        return new IdScanRetention(store, new TransactionTemplate(txm), audit, props, clock);
    }

    @Bean
    DataLaterLinker verificationDataLater(JdbcTemplate jdbc, PlatformTransactionManager txm, CanonicalRecords records,
                                          DataProtection protection, VerificationProperties props, Clock clock) {
        return new DataLaterLinker(jdbc, new TransactionTemplate(txm), records, protection, props, clock);
    }

    @Bean
    VerificationService verifications(JdbcTemplate jdbc, PlatformTransactionManager txm, RequestStore store, RosterStore rosters,
                                      Accounts accounts, AuditLog audit, DataProtection protection, Clock clock, VerificationProperties props,
                                      ObjectProvider<ServiceItemPolicy> policies, ObjectProvider<VerificationProofIssuer> issuers,
                                      BrokerHandOver handOver, DeadlineScheduler scheduler, DataLaterLinker dataLater,
                                      @Value("${hub.verification.gauge-interval:10s}") Duration gaugeInterval) {
        // the gauges' counts serve the alert check too: at most one gauge interval old
        return new VerificationService(jdbc, new TransactionTemplate(txm), store, rosters, accounts, audit, protection, clock, props,
                policies, issuers, handOver, scheduler, dataLater, gaugeInterval);
    }

    @Bean
    SupervisionService verificationSupervision(JdbcTemplate jdbc, PlatformTransactionManager txm, RequestStore store, RosterStore rosters,
                                               AuditLog audit, Clock clock) {
        return new SupervisionService(jdbc, new TransactionTemplate(txm), store, rosters, audit, clock);
    }

    @Bean
    ReplyReceiver verificationReplies(JdbcTemplate jdbc, PlatformTransactionManager txm, RequestStore store, VerificationService service,
                                      Clock clock) {
        return new ReplyReceiver(jdbc, new TransactionTemplate(txm), store, service, clock);
    }

    @Bean
    VerificationGauges verificationGauges(VerificationService verifications, JdbcTemplate jdbc, Clock clock, Accounts accounts,
                                          ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
        return new VerificationGauges(verifications, jdbc, clock, () -> accounts.units().stream().map(u -> u.code()).toList(), meters);
    }

    /**
     * {@code hub_verification_roster_units{state}}: units with a roster where nobody is on duty ({@code no_one_on_duty}) and
     * whose supervisor post is vacant ({@code no_supervisor}), read from the roster on each scrape.
     */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder verificationRosterGauges(Rosters rosters) {
        return registry -> {
            io.micrometer.core.instrument.Gauge.builder("hub.verification.roster_units", rosters, r -> r.report().unitsWithoutDuty().size())
                    .description("units with a verification roster, by what they lack").tag("state", "no_one_on_duty").register(registry);
            io.micrometer.core.instrument.Gauge.builder("hub.verification.roster_units", rosters, r -> r.report().unitsWithoutSupervisor().size())
                    .description("units with a verification roster, by what they lack").tag("state", "no_supervisor").register(registry);
        };
    }

    @Bean
    HealthIndicator verificationRosterHealthIndicator(Rosters rosters) {
        return () -> {
            Rosters.RosterReport report = rosters.report();
            Health.Builder health = report.unitsWithoutDuty().isEmpty() && report.unitsWithoutSupervisor().isEmpty()
                    ? Health.up() : Health.status(WARNING);
            return health.withDetail("units", report.units().size()).withDetail("unitsWithoutDuty", report.unitsWithoutDuty())
                    .withDetail("unitsWithoutSupervisor", report.unitsWithoutSupervisor()).withDetail("warnings", report.warnings()).build();
        };
    }

    /**
     * Seals the requests a hub before V26 stored with their personal data in clear, in batches after the start (in the
     * background: the hub serves meanwhile, and reads both kinds of rows). Another instance doing the same skips the rows
     * this one holds.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> verificationRequestSealing(RequestStore store, PlatformTransactionManager txm) {
        return event -> {
            Thread sealing = new Thread(() -> {
                TransactionTemplate tx = new TransactionTemplate(txm);
                int total = 0;
                try {
                    for (Integer n = tx.execute(st -> store.sealClearRows(500)); n != null && n > 0; n = tx.execute(st -> store.sealClearRows(500))) {
                        total += n;
                    }
                    if (total > 0) {
                        log.info("verification: {} requests stored before V26 now have their personal data encrypted", total);
                    }
                } catch (RuntimeException e) {
                    log.warn("verification: sealing the requests stored in clear stopped after {} (it goes on at the next start): {}", total,
                            e.getMessage());
                }
            }, "verification-request-sealing");
            sealing.setDaemon(true);
            sealing.start();
        };
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> verificationRosterCheck(Rosters rosters) {
        return event -> {
            Rosters.RosterReport report = rosters.report();
            if (report.units().isEmpty()) {
                log.warn("verification: no unit has a roster; requests cannot be sent until one is applied (hub.verification.roster-file)");
            } else if (!report.unitsWithoutDuty().isEmpty() || !report.unitsWithoutSupervisor().isEmpty()) {
                if (!report.unitsWithoutDuty().isEmpty()) {
                    log.warn("verification: nobody is on duty in {}; their requests go to the supervisor (SPEC 4.6)", report.unitsWithoutDuty());
                }
                if (!report.unitsWithoutSupervisor().isEmpty()) {
                    log.warn("verification: the supervisor post of {} is vacant (account disabled, moved or without the role); "
                            + "their escalations name nobody until a roster names a new supervisor", report.unitsWithoutSupervisor());
                }
            } else {
                log.info("verification: {} units have someone on duty", report.units().size());
            }
        };
    }

}
