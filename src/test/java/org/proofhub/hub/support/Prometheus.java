package org.proofhub.hub.support;

import java.util.Arrays;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** Reads values out of the hub's Prometheus scrape ({@code /actuator/prometheus}), as operators' dashboards see them. */
public final class Prometheus {
    private final String scrape;

    private Prometheus(String scrape) {
        this.scrape = scrape;
    }

    /** The scrape now, read as the demo operator. */
    public static Prometheus scrape(TestRestTemplate rest) {
        return new Prometheus(rest.withBasicAuth("ops", "hub-demo").getForObject("/actuator/prometheus", String.class));
    }

    public String text() {
        return scrape;
    }

    /**
     * The sum of the series named {@code name} whose labels contain all of {@code labels} (each {@code key="value"});
     * null when there is none.
     */
    public Double value(String name, String... labels) {
        Double sum = null;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int close = line.lastIndexOf('}');
            String labelText = close < 0 ? "," : "," + line.substring(name.length() + 1, close) + ",";
            if (Arrays.stream(labels).allMatch(l -> labelText.contains("," + l + ","))) {
                double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                sum = sum == null ? v : sum + v;
            }
        }
        return sum;
    }

    /** {@link #value} or 0 when there is no such series. */
    public double valueOrZero(String name, String... labels) {
        Double v = value(name, labels);
        return v == null ? 0 : v;
    }
}
