package org.proofhub.hub.ops.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.proofhub.hub.commitment.PostCheckOverview;
import org.proofhub.hub.ingest.ConfigInstances;
import org.proofhub.hub.ingest.ConnectorStatus;
import org.proofhub.hub.ingest.Connectors;
import org.proofhub.hub.platform.BrokerState;
import org.proofhub.hub.seal.Seal;
import org.proofhub.hub.seal.SealRegistry;
import org.proofhub.hub.verification.UnitSla;
import org.proofhub.hub.verification.Verifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates the operators' alert conditions (SPEC §7.1) and sends every alert that starts or ends out of the hub:
 * a JSON message on the Artemis alert address through the outbox, and a webhook delivery row that
 * {@link AlertWebhook} posts until the receiver takes it. Conditions: a connector stopped for longer than
 * {@code connector-down-for} or further behind its source than {@code lag-above}, a quarantine that grew by
 * {@code quarantine-growth} rows within {@code quarantine-window}, verification requests past their deadline (per
 * issuing unit), SLA breaches still unanswered (per unit), post-checks past their due date or their supervisor's window
 * without a finding (per responsible unit), a seal certificate ending soon, the broker taking no messages
 * (its disk fuller than its max-disk-usage, see {@link BrokerState}), running hub instances that read different connector
 * and mapping files or could not apply the last reload. An alert's start and end are database rows, so a restart
 * neither repeats nor forgets one, and several hub instances on one database send each once.
 *
 * <p>Alerts name connectors, units and seals, never a person or subject.
 */
public class HubAlerts {
    private static final Logger log = LoggerFactory.getLogger(HubAlerts.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A condition that holds now. */
    public record Condition(String name, Severity severity, String subject, String summary) {
        String key() {
            return name + ":" + subject;
        }
    }

    public enum Severity { WARNING, CRITICAL }

    /**
     * What the published list names that is not a unit of the hub, one line each (e.g. "items[3].responsibleUnit: unknown unit
     * GAJ …"): a first start loads the list before its administrator has registered the units.
     */
    @FunctionalInterface
    public interface ListUnitCheck {
        List<String> unknownUnits();
    }

    /** An alert as sent and as listed. */
    public record Alert(long id, String name, String severity, String subject, String summary, Instant firedAt, Instant resolvedAt) {
        @com.fasterxml.jackson.annotation.JsonProperty
        public String status() {
            return resolvedAt == null ? "FIRING" : "RESOLVED";
        }
    }

    private final Connectors connectors;
    private final ConfigInstances configInstances;
    private final Verifications verifications;
    private final SealRegistry seals;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final AlertProperties props;
    private final BrokerState broker;
    private final PostCheckOverview postChecks;
    private final ListUnitCheck listUnits;
    /** When a connector was first seen stopped by this instance. */
    private final Map<String, Instant> connectorDownSince = new ConcurrentHashMap<>();
    /** Each connector's quarantine size as seen over the quarantine window, oldest first. */
    private final Map<String, java.util.Deque<Sample>> quarantineSeen = new ConcurrentHashMap<>();

    private record Sample(Instant at, long pending) {
    }

    public HubAlerts(Connectors connectors, ConfigInstances configInstances, Verifications verifications, SealRegistry seals, JdbcTemplate jdbc,
                     TransactionTemplate tx, Clock clock, AlertProperties props, BrokerState broker, PostCheckOverview postChecks,
                     ListUnitCheck listUnits) {
        this.listUnits = listUnits == null ? List::of : listUnits;
        this.broker = broker;
        this.postChecks = postChecks == null ? List::of : postChecks;
        this.configInstances = configInstances;
        this.connectors = connectors;
        this.verifications = verifications;
        this.seals = seals;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.props = props;
    }

    /** The conditions that hold now. */
    public List<Condition> conditions() {
        Instant now = clock.instant();
        List<Condition> found = new ArrayList<>();
        for (ConnectorStatus c : connectors.statuses()) {
            Long growth = quarantineGrowth(c, now);
            if (growth != null) {
                found.add(new Condition("QUARANTINE_GROWING", Severity.WARNING, c.id(), "the quarantine of connector " + c.id() + " grew by "
                        + growth + " rows within " + props.quarantineWindow() + " (" + c.quarantinePending()
                        + " waiting): a mapping or the source data changed; see /api/ingest/quarantine"));
            }
            if (c.enabled() && "Started".equals(c.state()) && c.lagMs() != null && c.lagMs() > props.lagAbove().toMillis()) {
                found.add(new Condition("CONNECTOR_LAG", Severity.WARNING, c.id(), "connector " + c.id() + " is " + c.lagMs() / 1000
                        + " s behind its source (more than " + props.lagAbove() + ")"));
            }
            if (c.upOrElsewhere()) {
                connectorDownSince.remove(c.id());
                continue;
            }
            Instant since = connectorDownSince.computeIfAbsent(c.id(), id -> now);
            if (!since.plus(props.connectorDownFor()).isAfter(now)) {
                found.add(new Condition("CONNECTOR_DOWN", Severity.CRITICAL, c.id(), "connector " + c.id() + " (" + c.title() + ", " + c.unit()
                        + ") is " + c.state() + " since " + since.truncatedTo(ChronoUnit.SECONDS)
                        + (c.lastError() == null ? "" : "; last error: " + c.lastError())));
            }
        }
        List<ConfigInstances.Instance> instances = configInstances.instances();
        for (ConfigInstances.Instance i : instances) {
            if (i.running() && i.problem() != null) {
                found.add(new Condition("CONFIG_NOT_APPLIED", Severity.WARNING, i.instanceId(), "hub instance " + i.instanceId()
                        + " could not apply reload " + i.generation() + " of connectors/ and mappings/ in full: " + i.problem()));
            }
        }
        if (ConfigInstances.digestsAmongRunning(instances) > 1) {
            found.add(new Condition("CONFIG_DIFFERS", Severity.WARNING, "connectors-and-mappings", "the running hub instances read different "
                    + "connectors/ and mappings/ (" + instances.stream().filter(i -> i.running() && i.filesDigest() != null)
                    .map(i -> i.instanceId() + " " + i.filesDigest().substring(0, 12)).toList()
                    + "): deploy the same files to all, then reload one"));
        }
        for (UnitSla s : verifications.slaOfAllUnits()) {
            long late = s.overdue() + s.escalated();
            if (late > 0) {
                found.add(new Condition("VERIFICATION_OVERDUE", Severity.WARNING, s.unit(), late + " verification request(s) to " + s.unit()
                        + " past the deadline; the supervisor has 30 minutes before each is an SLA breach"));
            }
            if (s.breachedOpen() > 0) {
                found.add(new Condition("VERIFICATION_BREACH", Severity.CRITICAL, s.unit(), s.breachedOpen() + " verification request(s) to "
                        + s.unit() + " breached the time limit and are still unanswered (" + s.breachesTotal() + " breaches on record)"));
            }
        }
        for (PostCheckOverview.UnitPostChecks p : postChecks.perUnit()) {
            if (p.escalated() > 0) {
                found.add(new Condition("POST_CHECK_OVERDUE", Severity.WARNING, p.unit(), p.escalated() + " post-check(s) of " + p.unit()
                        + " past their due date without a finding; the unit's supervisor has them (000 8.1 f)"));
            }
            if (p.breached() > 0) {
                found.add(new Condition("POST_CHECK_BREACH", Severity.CRITICAL, p.unit(), p.breached() + " post-check(s) of " + p.unit()
                        + " still without a finding after the supervisor's window (" + p.breachesTotal() + " breaches on record)"));
            }
        }
        broker.refusal().ifPresent(reason -> found.add(new Condition("BROKER_REFUSING", Severity.CRITICAL, "broker", reason)));
        List<String> unknownUnits = listUnits.unknownUnits();
        if (!unknownUnits.isEmpty()) {
            found.add(new Condition("LIST_UNKNOWN_UNITS", Severity.WARNING, "certificate-free-list", "the published certificate-free list "
                    + "names " + unknownUnits.size() + " unit(s) the hub does not know, so requests to them cannot be routed: "
                    + String.join("; ", unknownUnits.subList(0, Math.min(3, unknownUnits.size())))
                    + (unknownUnits.size() > 3 ? "; …" : "")));
        }
        for (Seal seal : seals.expiringWithin(props.sealExpiryWithin(), now)) {
            long days = Duration.between(now, seal.notAfter()).toDays();
            found.add(new Condition("SEAL_EXPIRING", days < 0 ? Severity.CRITICAL : Severity.WARNING, seal.id(), "seal " + seal.id() + " ("
                    + seal.purpose().label() + ", " + seal.unitCode() + ") certificate ends " + seal.notAfter().truncatedTo(ChronoUnit.SECONDS)
                    + (days < 0 ? ": expired, rotate it now" : " (in " + days + " days): rotate it")));
        }
        return found;
    }

    /** How much the connector's quarantine grew within the window, when that reaches the threshold; else null. */
    private Long quarantineGrowth(ConnectorStatus c, Instant now) {
        java.util.Deque<Sample> seen = quarantineSeen.computeIfAbsent(c.id(), id -> new java.util.ArrayDeque<>());
        synchronized (seen) {
            seen.addLast(new Sample(now, c.quarantinePending()));
            while (seen.size() > 1 && seen.peekFirst().at().isBefore(now.minus(props.quarantineWindow()))) {
                seen.removeFirst();
            }
            long lowest = seen.stream().mapToLong(Sample::pending).min().orElse(c.quarantinePending());
            long growth = c.quarantinePending() - lowest;
            return growth >= props.quarantineGrowth() ? growth : null;
        }
    }

    /** Starts the alerts whose condition holds and ends those whose condition is gone. */
    public void evaluate() {
        List<Condition> now = conditions();
        Map<String, Condition> holding = new LinkedHashMap<>();
        now.forEach(c -> holding.put(c.key(), c));
        Map<String, Long> open = new HashMap<>();
        jdbc.query("select alert_key, id from ops_alert where resolved_at is null", rs -> {
            open.put(rs.getString(1), rs.getLong(2));
        });
        holding.forEach((key, c) -> {
            if (!open.containsKey(key)) {
                fire(c);
            }
        });
        open.forEach((key, id) -> {
            if (!holding.containsKey(key)) {
                resolve(id);
            }
        });
    }

    private void fire(Condition c) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            List<Long> ids = jdbc.queryForList("""
                    insert into ops_alert (alert_key, name, severity, subject, summary, fired_at) values (?, ?, ?, ?, ?, ?)
                    on conflict (alert_key) where resolved_at is null do nothing returning id""", Long.class,
                    c.key(), c.name(), c.severity().name(), c.subject(), c.summary(), Timestamp.from(now));
            if (!ids.isEmpty()) {
                send(new Alert(ids.get(0), c.name(), c.severity().name(), c.subject(), c.summary(), now, null));
            }
        });
    }

    private void resolve(long id) {
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            if (jdbc.update("update ops_alert set resolved_at = ? where id = ? and resolved_at is null", Timestamp.from(now), id) == 1) {
                send(alert(id));
            }
        });
    }

    private void send(Alert a) {
        String body = json(a);
        jdbc.update("insert into outbox (address, multicast, body, properties) values (?, true, ?, ?::jsonb)", props.address(),
                body.getBytes(StandardCharsets.UTF_8), json(Map.of("type", "alert", "alert", a.name(), "status", a.status(),
                        "severity", a.severity(), "changeId", "alert-" + a.id() + "-" + a.status())));
        if (props.webhook().configured()) {
            jdbc.update("insert into ops_alert_delivery (alert_id, body, created_at, next_attempt_at) values (?, ?, ?, ?)", a.id(), body,
                    Timestamp.from(clock.instant()), Timestamp.from(clock.instant()));
        }
        if ("FIRING".equals(a.status())) {
            log.warn("alert {} {} {}: {}", a.severity(), a.name(), a.subject(), a.summary());
        } else {
            log.info("alert resolved: {} {}", a.name(), a.subject());
        }
    }

    private Alert alert(long id) {
        return jdbc.queryForObject("select id, name, severity, subject, summary, fired_at, resolved_at from ops_alert where id = ?", (rs, i) -> new Alert(
                rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()), id);
    }

    /** Open alerts first, then the most recent resolved ones. */
    public List<Alert> recent(int limit) {
        return jdbc.query("""
                select id, name, severity, subject, summary, fired_at, resolved_at from ops_alert
                order by resolved_at is not null, fired_at desc, id desc limit ?""", (rs, i) -> new Alert(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(),
                rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()), limit);
    }

    static String json(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alertId", a.id());
        m.put("status", a.status());
        m.put("name", a.name());
        m.put("severity", a.severity());
        m.put("subject", a.subject());
        m.put("summary", a.summary());
        m.put("firedAt", a.firedAt().toString());
        m.put("resolvedAt", a.resolvedAt() == null ? null : a.resolvedAt().toString());
        return json(m);
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
