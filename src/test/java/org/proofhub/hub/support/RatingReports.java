package org.proofhub.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The 好差评 report ({@code GET /api/ratings/report}) before and after some ratings: asserts that a row changed by exactly those
 * ratings — count, 好评 and 差评, the distribution, the average (from the distribution's score sum) — in total and per kind.
 */
public final class RatingReports {
    private static final List<String> KINDS = List.of("QUERY", "VERIFICATION", "COMMITMENT");

    /** One rating given: its kind (QUERY, VERIFICATION, COMMITMENT) and score. */
    public record Given(String kind, int score) {
    }

    /** The report per unit ({@code by} unit) or per service item ({@code by} item). */
    public record Snapshot(List<Map<String, Object>> unit, List<Map<String, Object>> item) {
    }

    private RatingReports() {
    }

    public static Snapshot snapshot(TestRestTemplate rest) {
        TestRestTemplate auditor = rest.withBasicAuth("auditor", "hub-demo");
        return new Snapshot(auditor.getForObject("/api/ratings/report?by=unit", List.class), auditor.getForObject("/api/ratings/report?by=item", List.class));
    }

    /** The row {@code key} of {@code after} is the one of {@code before} with exactly {@code given} added. */
    public static void assertAdded(List<Map<String, Object>> before, List<Map<String, Object>> after, String key, List<Given> given) {
        Map<String, Object> b = row(before, key);
        Map<String, Object> a = row(after, key);
        if (!given.isEmpty()) {
            assertThat(a).as("report row %s", key).isNotEmpty();
        } else if (a.isEmpty()) {
            assertThat(b).as("report row %s, gone", key).isEmpty();
            return; // no ratings of it before or after
        }
        assertSame(b, a, key, given);
        Map<String, Object> kindsBefore = map(b.get("byKind"));
        Map<String, Object> kindsAfter = map(a.get("byKind"));
        assertThat(kindsAfter).as("%s byKind", key).containsKeys(KINDS.toArray(String[]::new));
        for (String kind : KINDS) {
            assertSame(map(kindsBefore.get(kind)), map(kindsAfter.get(kind)), key + " " + kind,
                    given.stream().filter(g -> g.kind().equals(kind)).toList());
        }
    }

    private static void assertSame(Map<String, Object> b, Map<String, Object> a, String what, List<Given> given) {
        long count = number(b, "count") + given.size();
        assertThat(number(a, "count")).as("%s count", what).isEqualTo(count);
        assertThat(number(a, "good")).as("%s good (好评)", what).isEqualTo(number(b, "good") + given.stream().filter(g -> g.score() >= 4).count());
        assertThat(number(a, "bad")).as("%s bad (差评)", what).isEqualTo(number(b, "bad") + given.stream().filter(g -> g.score() <= 2).count());
        Map<String, Object> db = map(b.get("distribution"));
        Map<String, Object> da = map(a.get("distribution"));
        long sum = 0;
        for (int s = 1; s <= 5; s++) {
            int score = s;
            long expected = number(db, String.valueOf(s)) + given.stream().filter(g -> g.score() == score).count();
            assertThat(number(da, String.valueOf(s))).as("%s ratings of %d", what, s).isEqualTo(expected);
            sum += s * expected;
        }
        if (count > 0) {
            assertThat(((Number) a.get("average")).doubleValue()).as("%s average", what).isEqualTo(Math.round(sum * 100.0 / count) / 100.0);
        }
    }

    private static Map<String, Object> row(List<Map<String, Object>> report, String key) {
        return report.stream().filter(r -> key.equals(r.get("key"))).findFirst().orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    private static long number(Map<String, Object> m, String field) {
        Object v = m.get(field);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
