package org.proofhub.hub.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.commitment.PostCheckOverview;
import org.proofhub.hub.ingest.ConfigInstances;
import org.proofhub.hub.ingest.ConnectorStatus;
import org.proofhub.hub.ingest.Connectors;
import org.proofhub.hub.platform.BrokerState;
import org.proofhub.hub.seal.SealRegistry;
import org.proofhub.hub.support.TestClock;
import org.proofhub.hub.verification.Verifications;

/**
 * The alert conditions over time, on a test clock: a stopped connector only after {@code connector-down-for}, a lagging
 * one, and quarantine growth measured over its window (AlertsIT sends real alerts through the hub).
 */
class HubAlertsTest {
    final TestClock clock = new TestClock();
    final AtomicReference<ConnectorStatus> credit = new AtomicReference<>();
    final AtomicReference<List<ConfigInstances.Instance>> instances = new AtomicReference<>(List.of());
    final AtomicReference<List<PostCheckOverview.UnitPostChecks>> postChecks = new AtomicReference<>(List.of());
    final AtomicReference<List<String>> unknownUnits = new AtomicReference<>(List.of());
    final HubAlerts alerts = new HubAlerts(new Connectors() {
        @Override
        public List<ConnectorStatus> statuses() {
            return List.of(credit.get());
        }

        @Override
        public ConnectorStatus status(String connectorId) {
            return credit.get();
        }

        @Override
        public void pause(String connectorId) {
        }

        @Override
        public void resume(String connectorId) {
        }
    }, instances::get, empty(Verifications.class), empty(SealRegistry.class), null, null, clock,
            new AlertProperties(true, Duration.ofSeconds(15), "hub.alerts", Duration.ofMinutes(1), Duration.ofMinutes(1), 20,
                    Duration.ofMinutes(15), Duration.ofDays(30), new AlertProperties.Webhook("", "", Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofMinutes(10))), BrokerState.unknown(), () -> postChecks.get(), () -> unknownUnits.get());

    /** An implementation whose every method answers an empty list: no requests, no seals. */
    @SuppressWarnings("unchecked")
    static <T> T empty(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, m, a) -> List.of());
    }

    void credit(String state, Long lagMs, long quarantined) {
        credit.set(new ConnectorStatus("credit", "信用库", "FGW", "jdbc-poll", true, state, null, null, lagMs, 0, null, quarantined, 0, 0, 0, 0,
                List.of(), false, "Standby".equals(state) ? "hub-b" : null, null, null));
    }

    List<String> names() {
        return alerts.conditions().stream().map(c -> c.name() + ":" + c.subject()).toList();
    }

    @Test
    void aListNamingUnitsTheHubDoesNotKnowIsAWarningThatEndsWhenTheyAreRegistered() {
        credit("Started", 10L, 0);
        assertThat(names()).isEmpty();
        unknownUnits.set(List.of("items[0].responsibleUnit: unknown unit GAJ", "items[0].proofs[0].issuingUnit: unknown unit GAJ",
                "items[1].responsibleUnit: unknown unit MZJ", "items[2].responsibleUnit: unknown unit RSJ"));
        assertThat(names()).containsExactly("LIST_UNKNOWN_UNITS:certificate-free-list");
        assertThat(alerts.conditions().get(0).severity()).isEqualTo(HubAlerts.Severity.WARNING);
        assertThat(alerts.conditions().get(0).summary()).contains("4 unit(s)", "unknown unit GAJ", "unknown unit MZJ", "; …")
                .doesNotContain("RSJ");
        unknownUnits.set(List.of());
        assertThat(names()).isEmpty();
    }

    @Test
    void postChecksPastTheirDueDateOrTheSupervisorsWindowAreAlertsOfTheirUnit() {
        credit("Started", 10L, 0);
        postChecks.set(List.of(new PostCheckOverview.UnitPostChecks("GAJ", 4, 0, 0, 0), new PostCheckOverview.UnitPostChecks("MZJ", 2, 0, 0, 3)));
        assertThat(names()).isEmpty();
        postChecks.set(List.of(new PostCheckOverview.UnitPostChecks("GAJ", 4, 2, 1, 1), new PostCheckOverview.UnitPostChecks("MZJ", 2, 0, 0, 3)));
        assertThat(names()).containsExactly("POST_CHECK_OVERDUE:GAJ", "POST_CHECK_BREACH:GAJ");
        assertThat(alerts.conditions()).filteredOn(c -> c.name().equals("POST_CHECK_BREACH")).singleElement()
                .satisfies(c -> assertThat(c.severity()).isEqualTo(HubAlerts.Severity.CRITICAL));
        // a finding recorded (or the check revoked): the counts fall and the alert ends
        postChecks.set(List.of(new PostCheckOverview.UnitPostChecks("GAJ", 4, 0, 0, 1)));
        assertThat(names()).isEmpty();
    }

    @Test
    void aStoppedConnectorIsAnAlertOnlyAfterItsGracePeriod() {
        credit("Stopped", null, 0);
        assertThat(names()).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(names()).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(names()).containsExactly("CONNECTOR_DOWN:credit");
        credit("Started", 10L, 0);
        assertThat(names()).isEmpty();
        // stopped again: the grace period starts over
        credit("Stopped", null, 0);
        assertThat(names()).isEmpty();
    }

    @Test
    void aConnectorThatAnotherInstanceRunsIsNoAlertHere() {
        credit("Standby", null, 0);
        clock.advance(Duration.ofMinutes(10));
        assertThat(names()).isEmpty();
        // the other instance went and this one has not taken over yet: stopped here is down again
        credit("Stopped", null, 0);
        assertThat(names()).isEmpty();
        clock.advance(Duration.ofSeconds(61));
        assertThat(names()).containsExactly("CONNECTOR_DOWN:credit");
    }

    @Test
    void aConnectorBehindItsSourceIsAnAlertWhileItLags() {
        credit("Started", 30_000L, 0);
        assertThat(names()).isEmpty();
        credit("Started", 61_000L, 0);
        assertThat(names()).containsExactly("CONNECTOR_LAG:credit");
        credit("Started", 500L, 0);
        assertThat(names()).isEmpty();
    }

    @Test
    void quarantineGrowthIsMeasuredOverItsWindow() {
        credit("Started", 10L, 5);
        assertThat(names()).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        credit("Started", 10L, 24);
        assertThat(names()).as("19 more: below the threshold").isEmpty();
        clock.advance(Duration.ofMinutes(5));
        credit("Started", 10L, 25);
        assertThat(names()).containsExactly("QUARANTINE_GROWING:credit");
        // 20 minutes later the rows are still there but no longer growing
        clock.advance(Duration.ofMinutes(20));
        assertThat(names()).isEmpty();
    }

    @Test
    void runningInstancesWithOtherFilesOrAFailedReloadAreAnAlertAndGoneOnesAreNot() {
        credit("Started", 10L, 0);
        ConfigInstances.Instance a = new ConfigInstances.Instance("hub-a", 3, "a".repeat(64), null, Instant.EPOCH, true, true);
        ConfigInstances.Instance b = new ConfigInstances.Instance("hub-b", 3, "a".repeat(64), null, Instant.EPOCH, true, false);
        instances.set(List.of(a, b));
        assertThat(names()).isEmpty();

        instances.set(List.of(a, new ConfigInstances.Instance("hub-b", 3, "b".repeat(64), null, Instant.EPOCH, true, false)));
        assertThat(names()).containsExactly("CONFIG_DIFFERS:connectors-and-mappings");

        instances.set(List.of(a, new ConfigInstances.Instance("hub-b", 4, null, "connectors/credit.connector.yaml: properties.pollIntervalMs: "
                + "string found, integer expected", Instant.EPOCH, true, false)));
        assertThat(names()).containsExactly("CONFIG_NOT_APPLIED:hub-b");
        assertThat(alerts.conditions().get(0).summary()).contains("reload 4", "connectors/credit.connector.yaml");

        // an instance that stopped long ago with other files is history, not an alert
        instances.set(List.of(a, new ConfigInstances.Instance("hub-old", 1, "c".repeat(64), "gone", Instant.EPOCH, false, false)));
        assertThat(names()).isEmpty();
    }
}
