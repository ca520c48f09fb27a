package org.proofhub.hub.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a benchmark measured: its metrics, and details that explain them (sizes, phases, settings). */
public final class BenchResult {
    private final List<Metric> metrics = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    public BenchResult metric(Metric metric) {
        metrics.add(metric);
        return this;
    }

    /** A context value for the results file; values are written as JSON (numbers, text, lists, maps). */
    public BenchResult detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    public List<Metric> metrics() {
        return Collections.unmodifiableList(metrics);
    }

    public Map<String, Object> details() {
        return Collections.unmodifiableMap(details);
    }
}
