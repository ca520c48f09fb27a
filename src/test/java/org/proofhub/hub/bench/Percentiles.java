package org.proofhub.hub.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles of measured values, as every benchmark reports latencies. */
public final class Percentiles {

    private Percentiles() {
    }

    /** Nearest-rank percentile of {@code values}; {@code q} 1.0 gives the maximum. */
    public static double of(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** p50, p90, p99, p99.9 and max of latencies in ms, rounded to µs, for a results file's details. */
    public static Map<String, Object> summaryMs(double[] ms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", ms.length);
        m.put("p50Ms", round(of(ms, 0.50)));
        m.put("p90Ms", round(of(ms, 0.90)));
        m.put("p99Ms", round(of(ms, 0.99)));
        m.put("p999Ms", round(of(ms, 0.999)));
        m.put("maxMs", round(of(ms, 1.0)));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
