package org.proofhub.hub.verification.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.proofhub.hub.verification.UnitSla;
import org.proofhub.hub.verification.Verifications;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Operators' gauges of department verification, refreshed every 10 seconds from the request and deadline
 * tables (grouped queries, never per scrape; the SLA counts are shared with the alert check):
 * <ul>
 *   <li>{@code hub_verification_requests{unit, state}}: per issuing unit, requests awaiting an answer
 *       ({@code awaiting}), of those due soon ({@code due_soon}), past the deadline before the supervisor is alerted
 *       ({@code overdue}), with the supervisor ({@code escalated}) and breached but still unanswered ({@code breached});</li>
 *   <li>{@code hub_verification_breaches{unit}}: every SLA breach the unit has on record (alert on its increase);</li>
 *   <li>{@code hub_verification_escalations_untaken{unit}}: escalations whose supervisor's window is still running, that
 *       the supervisor has not taken up (签收) while the request still awaits an answer — read through the window-end
 *       index of V22, so only running windows are read;</li>
 *   <li>{@code hub_verification_deadlines{kind, state}}: pending timers and those already due ({@code state=due}): a
 *       growing number of due timers means the scheduler is behind or down. The due ones are counted at every refresh
 *       through the due-time index; counting all pending timers reads every one of them, so that total is taken at
 *       most once a minute.</li>
 * </ul>
 * Every unit with an account appears from the start with zeros, so dashboards and alerts see zeros, not nothing.
 */
final class VerificationGauges {
    private static final List<String> STATES = List.of("awaiting", "due_soon", "overdue", "escalated", "breached");
    private static final Duration PENDING_TOTALS_EVERY = Duration.ofMinutes(1);

    private final Verifications verifications;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Supplier<Collection<String>> units;
    private final MultiGauge requests;
    private final MultiGauge breaches;
    private final MultiGauge deadlines;
    private final MultiGauge untaken;
    /** All pending timers, by kind: a count of every pending row, so taken at most once a minute. */
    private final SharedCount<Map<String, Long>> pendingByKind;

    VerificationGauges(Verifications verifications, JdbcTemplate jdbc, Clock clock, Supplier<Collection<String>> units, MeterRegistry registry) {
        this.verifications = verifications;
        this.jdbc = jdbc;
        this.clock = clock;
        this.units = units;
        this.pendingByKind = new SharedCount<>(this::countPendingByKind, clock, PENDING_TOTALS_EVERY);
        this.requests = MultiGauge.builder("hub.verification.requests")
                .description("verification requests of an issuing unit by SLA state (awaiting, due_soon, overdue, escalated, breached)")
                .register(registry);
        this.breaches = MultiGauge.builder("hub.verification.breaches").description("SLA breaches on record per issuing unit").register(registry);
        this.untaken = MultiGauge.builder("hub.verification.escalations_untaken")
                .description("escalations in their supervisor's window that the supervisor has not taken up, per issuing unit").register(registry);
        this.deadlines = MultiGauge.builder("hub.verification.deadlines")
                .description("pending verification timers by kind; state=due counts those whose time has come").register(registry);
        refresh();
    }

    @Scheduled(fixedDelayString = "${hub.verification.gauge-interval:10s}", initialDelay = 1_000)
    void refresh() {
        Map<String, long[]> byUnit = new TreeMap<>();
        units.get().forEach(u -> byUnit.put(u, new long[STATES.size() + 1]));
        for (UnitSla s : verifications.slaOfAllUnits()) {
            byUnit.put(s.unit(), new long[] {s.awaiting(), s.dueSoon(), s.overdue(), s.escalated(), s.breachedOpen(), s.breachesTotal()});
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        List<MultiGauge.Row<?>> breachRows = new ArrayList<>();
        byUnit.forEach((unit, v) -> {
            for (int i = 0; i < STATES.size(); i++) {
                rows.add(MultiGauge.Row.of(Tags.of("unit", unit, "state", STATES.get(i)), v[i]));
            }
            breachRows.add(MultiGauge.Row.of(Tags.of("unit", unit), v[STATES.size()]));
        });
        requests.register(rows, true);
        breaches.register(breachRows, true);

        Map<String, Long> untakenByUnit = new TreeMap<>();
        byUnit.keySet().forEach(u -> untakenByUnit.put(u, 0L));
        jdbc.query("""
                select a.unit_code, count(*) from verification_alert a join verification_request r on r.id = a.request_id
                where a.kind = 'ESCALATION' and a.acknowledged_at is null and a.respond_by > ? and r.status in ('RECEIVED', 'OPENED', 'DELAYED')
                group by a.unit_code""", rs -> {
            untakenByUnit.put(rs.getString(1), rs.getLong(2));
        }, Timestamp.from(clock.instant()));
        untaken.register(untakenByUnit.entrySet().stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(Tags.of("unit", e.getKey()), e.getValue()))
                .toList(), true);

        Map<String, long[]> byKind = new TreeMap<>();
        Map<String, Long> pending = pendingByKind.get();
        Arrays.stream(DeadlineKind.values()).forEach(k -> byKind.put(k.name(), new long[] {pending.getOrDefault(k.name(), 0L), 0}));
        // the due ones through the due-time index: only the rows already due are read
        jdbc.query("select kind, count(*) from verification_deadline where state = 'PENDING' and due_at <= ? group by kind",
                rs -> {
                    byKind.computeIfAbsent(rs.getString(1), k -> new long[2])[1] = rs.getLong(2);
                }, Timestamp.from(clock.instant()));
        List<MultiGauge.Row<?>> deadlineRows = new ArrayList<>();
        byKind.forEach((kind, v) -> {
            deadlineRows.add(MultiGauge.Row.of(Tags.of("kind", kind, "state", "pending"), v[0]));
            deadlineRows.add(MultiGauge.Row.of(Tags.of("kind", kind, "state", "due"), v[1]));
        });
        deadlines.register(deadlineRows, true);
    }

    private Map<String, Long> countPendingByKind() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("select kind, count(*) from verification_deadline where state = 'PENDING' group by kind",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }
}
