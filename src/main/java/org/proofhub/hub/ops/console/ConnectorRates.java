package org.proofhub.hub.ops.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.proofhub.hub.ingest.ConnectorStatus;

/**
 * Changes per second of each connector over about the last minute, from its cumulative counts sampled when the connectors
 * page or its live refresh reads them (no work while nobody looks): at most one sample a second per connector, kept for a
 * minute. A rate needs two samples a second apart; until then it is unknown (null).
 */
final class ConnectorRates {
    static final Duration WINDOW = Duration.ofMinutes(1);

    record Rate(String received, String applied) {
    }

    private record Sample(Instant at, double received, double applied) {
    }

    private final Map<String, Deque<Sample>> samples = new HashMap<>();

    synchronized Map<String, Rate> sample(List<ConnectorStatus> statuses, Instant now) {
        Map<String, Rate> rates = new HashMap<>();
        for (ConnectorStatus c : statuses) {
            Deque<Sample> s = samples.computeIfAbsent(c.id(), id -> new ArrayDeque<>());
            if (!s.isEmpty() && (c.received() < s.peekLast().received() || c.applied() < s.peekLast().applied())) {
                s.clear(); // counts started again (a reloaded connector)
            }
            if (s.isEmpty() || !now.isBefore(s.peekLast().at().plusSeconds(1))) {
                s.addLast(new Sample(now, c.received(), c.applied()));
            }
            // the oldest kept is the newest at least a window old: the rate spans a full minute once there is one
            while (s.size() > 2 && !s.stream().skip(1).findFirst().orElseThrow().at().isAfter(now.minus(WINDOW))) {
                s.removeFirst();
            }
            Sample first = s.peekFirst();
            Sample last = s.peekLast();
            double seconds = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
            rates.put(c.id(), seconds < 1 ? new Rate(null, null)
                    : new Rate(format((last.received() - first.received()) / seconds), format((last.applied() - first.applied()) / seconds)));
        }
        samples.keySet().retainAll(statuses.stream().map(ConnectorStatus::id).toList());
        return rates;
    }

    private static String format(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }
}
