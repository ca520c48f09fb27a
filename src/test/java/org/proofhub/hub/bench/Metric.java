package org.proofhub.hub.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured figure, e.g. {@code cdc.changes_per_s = 2345 1/s}, optionally with the goal it is held against.
 *
 * @param id    stable identifier, {@code <benchmark>.<what>}; other tools compare runs by it
 * @param value the figure, rounded for reading
 * @param unit  {@code 1/s}, {@code ms}, {@code s}, {@code ratio}, ...
 * @param goal  the target, or null when the figure is for orientation only
 */
public record Metric(String id, double value, String unit, Goal goal) {

    /** A target a metric should reach: {@code >= target} or {@code <= target}. */
    public record Goal(boolean atLeast, double target) {
        boolean isMetBy(double value) {
            return atLeast ? value >= target : value <= target;
        }

        @Override
        public String toString() {
            return (atLeast ? ">= " : "<= ") + Metric.format(target);
        }
    }

    public static Metric of(String id, double value, String unit) {
        return new Metric(id, round(value), unit, null);
    }

    public Metric atLeast(double target) {
        return new Metric(id, value, unit, new Goal(true, target));
    }

    public Metric atMost(double target) {
        return new Metric(id, value, unit, new Goal(false, target));
    }

    /** Whether the goal is met; null without a goal. */
    public Boolean met() {
        return goal == null ? null : goal.isMetBy(value);
    }

    /** The JSON form: id, value, unit, and goal and met when there is a goal. */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("value", value);
        m.put("unit", unit);
        if (goal != null) {
            m.put("goal", goal.toString());
            m.put("met", met());
        }
        return m;
    }

    @Override
    public String toString() {
        return String.format("%-28s %12s %-6s %s", id, format(value), unit,
                goal == null ? "" : "goal " + goal + (met() ? "  met" : "  MISSED"));
    }

    // three significant decimals are more than any of these measurements can tell apart
    private static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double scale = Math.abs(v) >= 100 ? 1 : Math.abs(v) >= 1 ? 100 : 1000;
        return Math.round(v * scale) / scale;
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
