package org.proofhub.hub.verification.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
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
 * tables (one grouped query each, never per scrape):
 * <ul>
 *   <li>{@code hub_verification_requests{unit, state}}: per issuing unit, requests awaiting an answer
 *       ({@code awaiting}), of those due soon ({@code due_soon}), past the deadline before the supervisor is alerted
 *       ({@code overdue}), with the supervisor ({@code escalated}) and breached but still unanswered ({@code breached});</li>
 *   <li>{@code hub_verification_breaches{unit}}: every SLA breach the unit has on record (alert on its increase);</li>
 *   <li>{@code hub_verification_deadlines{kind, state}}: pending timers and those already due ({@code state=due}): a
 *       growing number of due timers means the scheduler is behind or down.</li>
 * </ul>
 * Every unit with an account appears from the start with zeros, so dashboards and alerts see zeros, not nothing.
 */
final class VerificationGauges {
    private static final List<String> STATES = List.of("awaiting", "due_soon", "overdue", "escalated", "breached");

    private final Verifications verifications;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Supplier<Collection<String>> units;
    private final MultiGauge requests;
    private final MultiGauge breaches;
    private final MultiGauge deadlines;

    VerificationGauges(Verifications verifications, JdbcTemplate jdbc, Clock clock, Supplier<Collection<String>> units, MeterRegistry registry) {
        this.verifications = verifications;
        this.jdbc = jdbc;
        this.clock = clock;
        this.units = units;
        this.requests = MultiGauge.builder("hub.verification.requests")
                .description("verification requests of an issuing unit by SLA state (awaiting, due_soon, overdue, escalated, breached)")
                .register(registry);
        this.breaches = MultiGauge.builder("hub.verification.breaches").description("SLA breaches on record per issuing unit").register(registry);
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

        Map<String, long[]> byKind = new TreeMap<>();
        Arrays.stream(DeadlineKind.values()).forEach(k -> byKind.put(k.name(), new long[2]));
        jdbc.query("select kind, count(*), count(*) filter (where due_at <= ?) from verification_deadline where state = 'PENDING' group by kind",
                rs -> {
                    byKind.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                }, Timestamp.from(clock.instant()));
        List<MultiGauge.Row<?>> deadlineRows = new ArrayList<>();
        byKind.forEach((kind, v) -> {
            deadlineRows.add(MultiGauge.Row.of(Tags.of("kind", kind, "state", "pending"), v[0]));
            deadlineRows.add(MultiGauge.Row.of(Tags.of("kind", kind, "state", "due"), v[1]));
        });
        deadlines.register(deadlineRows, true);
    }
}
