package org.proofhub.hub.commitment.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.proofhub.hub.commitment.PostCheckOverview;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Operators' gauges of the post-checks (事中事后核查), refreshed every {@code hub.commitment.gauge-interval} (30 s) by two
 * grouped counts, never per scrape:
 * <ul>
 *   <li>{@code hub_commitment_post_checks{unit, state}}: the responsible unit's checks without a finding — before their due
 *       date ({@code open}), past it and with the supervisor ({@code escalated}), past the supervisor's window too
 *       ({@code breached});</li>
 *   <li>{@code hub_commitment_post_check_breaches{unit}}: every post-check breach the unit has on record (alert on its
 *       increase).</li>
 * </ul>
 * Every unit with an account appears from the start with zeros.
 */
public final class PostCheckGauges implements PostCheckOverview {
    private static final List<String> STATES = List.of("open", "escalated", "breached");

    private final JdbcTemplate jdbc;
    private final Supplier<Collection<String>> units;
    private final MultiGauge checks;
    private final MultiGauge breaches;
    private volatile List<UnitPostChecks> last = List.of();

    PostCheckGauges(JdbcTemplate jdbc, Supplier<Collection<String>> units, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.units = units;
        this.checks = MultiGauge.builder("hub.commitment.post_checks")
                .description("post-checks of a responsible unit without a finding, by state (open, escalated, breached)").register(registry);
        this.breaches = MultiGauge.builder("hub.commitment.post_check_breaches")
                .description("post-check breaches on record per responsible unit").register(registry);
        refresh();
    }

    @Scheduled(fixedDelayString = "${hub.commitment.gauge-interval:30s}", initialDelay = 1_000)
    public synchronized void refresh() {
        Map<String, long[]> byUnit = new TreeMap<>();
        units.get().forEach(u -> byUnit.put(u, new long[STATES.size() + 1]));
        // the open checks through post_check_unit (unit_code, status, due_at); the breaches on record through their own index
        jdbc.query("""
                select unit_code, count(*) filter (where escalated_at is null), count(*) filter (where escalated_at is not null and breached_at is null),
                    count(*) filter (where breached_at is not null)
                from post_check where status = 'PENDING' group by unit_code""", rs -> {
            long[] v = byUnit.computeIfAbsent(rs.getString(1), k -> new long[STATES.size() + 1]);
            for (int i = 0; i < STATES.size(); i++) {
                v[i] = rs.getLong(i + 2);
            }
        });
        jdbc.query("select unit_code, count(*) from post_check where breached_at is not null group by unit_code",
                rs -> {
                    byUnit.computeIfAbsent(rs.getString(1), k -> new long[STATES.size() + 1])[STATES.size()] = rs.getLong(2);
                });
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        List<MultiGauge.Row<?>> breachRows = new ArrayList<>();
        List<UnitPostChecks> counted = new ArrayList<>();
        byUnit.forEach((unit, v) -> {
            counted.add(new UnitPostChecks(unit, v[0], v[1], v[2], v[3]));
            for (int i = 0; i < STATES.size(); i++) {
                rows.add(MultiGauge.Row.of(Tags.of("unit", unit, "state", STATES.get(i)), v[i]));
            }
            breachRows.add(MultiGauge.Row.of(Tags.of("unit", unit), v[STATES.size()]));
        });
        checks.register(rows, true);
        breaches.register(breachRows, true);
        last = List.copyOf(counted);
    }

    @Override
    public List<UnitPostChecks> perUnit() {
        return last;
    }

    @Override
    public List<UnitPostChecks> countNow() {
        refresh();
        return last;
    }
}
