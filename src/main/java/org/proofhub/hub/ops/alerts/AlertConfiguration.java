package org.proofhub.hub.ops.alerts;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.proofhub.hub.ingest.Connectors;
import org.proofhub.hub.platform.BrokerState;
import org.proofhub.hub.seal.SealRegistry;
import org.proofhub.hub.verification.Verifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Wires the alerts that leave the hub: evaluation and webhook delivery on one thread of their own, and the REST view. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertProperties.class)
class AlertConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AlertConfiguration.class);

    @Bean
    HubAlerts hubAlerts(Connectors connectors, org.proofhub.hub.ingest.ConfigInstances configInstances, Verifications verifications,
                        SealRegistry seals, JdbcTemplate jdbc, TransactionTemplate tx, Clock clock, AlertProperties props,
                        ObjectProvider<BrokerState> broker, ObjectProvider<org.proofhub.hub.commitment.PostCheckOverview> postChecks,
                        org.proofhub.hub.catalog.PublishedList list, org.proofhub.hub.account.Accounts accounts) {
        return new HubAlerts(connectors, configInstances, verifications, seals, jdbc, tx, clock, props, broker.getIfAvailable(BrokerState::unknown),
                postChecks.getIfAvailable(), () -> {
                    try {
                        return unknownListUnits(list.current(), accounts.units());
                    } catch (org.proofhub.hub.platform.HubException noPublishedList) {
                        // nothing published yet: no list to check, and the other alerts go on
                        return java.util.List.of();
                    }
                });
    }

    /** The published list's responsible and issuing units that are not among the hub's units, a line each. */
    static java.util.List<String> unknownListUnits(org.proofhub.hub.catalog.ListVersion published, java.util.List<org.proofhub.hub.account.Accounts.Unit> units) {
        java.util.Set<String> codes = units.stream().map(org.proofhub.hub.account.Accounts.Unit::code).collect(java.util.stream.Collectors.toSet());
        return org.proofhub.hub.catalog.CertificateFreeLists.checkUnits(published.list(), codes, "list version " + published.version())
                .stream().map(p -> p.key() + ": " + p.problem()).toList();
    }

    @Bean
    @ConditionalOnProperty(name = "hub.alerts.enabled", havingValue = "true", matchIfMissing = true)
    SmartLifecycle alertLoop(HubAlerts alerts, JdbcTemplate jdbc, Clock clock, AlertProperties props) {
        AlertWebhook webhook = props.webhook().configured() ? new AlertWebhook(jdbc, clock, props.webhook()) : null;
        return new SmartLifecycle() {
            private ScheduledExecutorService executor;

            @Override
            public void start() {
                executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "hub-alerts"));
                executor.scheduleWithFixedDelay(() -> {
                    try {
                        alerts.evaluate();
                        if (webhook != null) {
                            webhook.deliver();
                        }
                    } catch (RuntimeException e) {
                        log.warn("alert evaluation failed; trying again in {}", props.interval(), e);
                    }
                }, props.interval().toMillis(), props.interval().toMillis(), TimeUnit.MILLISECONDS);
                log.info("alerts: evaluated every {}, published on {}{}", props.interval(), props.address(),
                        webhook == null ? "" : " and posted to " + props.webhook().url());
            }

            @Override
            public void stop() {
                executor.shutdownNow();
                try {
                    executor.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                executor = null;
            }

            @Override
            public boolean isRunning() {
                return executor != null;
            }
        };
    }

    /** What operators see: open alerts first, then the latest resolved ones. */
    @RestController
    static class AlertController {
        private final HubAlerts alerts;

        AlertController(HubAlerts alerts) {
            this.alerts = alerts;
        }

        @GetMapping("/api/ops/alerts")
        @PreAuthorize("hasAnyRole('OPERATOR','ADMIN','AUDITOR')")
        ResponseEntity<List<HubAlerts.Alert>> alerts(@RequestParam(defaultValue = "100") int limit) {
            return ResponseEntity.ok(alerts.recent(Math.max(1, Math.min(limit, 1000))));
        }
    }
}
