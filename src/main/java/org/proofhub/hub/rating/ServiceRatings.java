package org.proofhub.hub.rating;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.catalog.ServiceItem;
import org.proofhub.hub.platform.HubException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service ratings (好差评, 000 10.1): one rating per handled query, verification request or commitment, from
 * 1 (非常不满意) to 5 (非常满意), aggregated per unit and per service item. A bad rating (1–2, 差评) needs
 * the applicant's reason, so that the unit can act on it (10.2).
 */
@Service
public class ServiceRatings {
    public static final Set<String> CHANNELS = Set.of("WINDOW_PAD", "ONLINE", "APP", "SMS", "HOTLINE_12345");
    private static final String[] LABELS = {"", "非常不满意", "不满意", "基本满意", "满意", "非常满意"};

    private final JdbcTemplate jdbc;
    private final ObjectProvider<RatedServices> services;
    private final PublishedList list;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    public ServiceRatings(JdbcTemplate jdbc, ObjectProvider<RatedServices> services, PublishedList list, Accounts accounts, AuditLog audit,
                          Clock clock) {
        this.jdbc = jdbc;
        this.services = services;
        this.list = list;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /** A rating as given by the applicant. */
    public record Rating(String targetType, String targetId, Integer score, String comment, String channel) {
    }

    /** A recorded rating. */
    public record Recorded(long id, String targetType, String targetId, String unitCode, String serviceItemCode, int score, String label,
                           String comment, String channel, Instant ratedAt) {
    }

    /** What can be rated: a handled data query, department verification request or commitment. */
    public static final List<String> KINDS = List.of("QUERY", "VERIFICATION", "COMMITMENT");

    /**
     * One row of a report.
     *
     * @param distribution ratings per score 1–5
     * @param good         4–5 (好评); {@code bad}: 1–2 (差评)
     * @param byKind       the same per kind of rated service ({@link #KINDS}, each present, with count 0 when none)
     */
    public record ReportRow(String key, String name, long count, double average, Map<Integer, Long> distribution, long good, long bad,
                            Map<String, KindRow> byKind) {
    }

    /** The ratings of one kind of service in a report row; {@code average} is null without ratings. */
    public record KindRow(long count, Double average, Map<Integer, Long> distribution, long good, long bad) {
        static KindRow of(Map<Integer, Long> byScore) {
            Map<Integer, Long> distribution = new TreeMap<>();
            for (int s = 1; s <= 5; s++) {
                distribution.put(s, byScore.getOrDefault(s, 0L));
            }
            long n = distribution.values().stream().mapToLong(Long::longValue).sum();
            long sum = distribution.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum();
            return new KindRow(n, n == 0 ? null : Math.round(sum * 100.0 / n) / 100.0, distribution, distribution.get(4) + distribution.get(5),
                    distribution.get(1) + distribution.get(2));
        }
    }

    @Transactional
    public Recorded rate(Rating r, HubUser by) {
        if (r == null || r.targetType() == null || r.targetId() == null) {
            throw HubException.badRequest("rating-target", "name what is rated: targetType (QUERY, VERIFICATION, COMMITMENT) and targetId");
        }
        if (r.score() == null || r.score() < 1 || r.score() > 5) {
            throw HubException.badRequest("rating-score", "score is 1 (非常不满意) to 5 (非常满意)");
        }
        if (r.score() <= 2 && (r.comment() == null || r.comment().isBlank())) {
            throw HubException.badRequest("rating-comment", "a bad rating (差评) needs the applicant's reason in comment, so the unit can act on it");
        }
        String channel = r.channel() == null ? "WINDOW_PAD" : r.channel();
        if (!CHANNELS.contains(channel)) {
            throw HubException.badRequest("rating-channel", "channel is one of " + CHANNELS);
        }
        RatedServices resolver = services.orderedStream().filter(s -> s.targetType().equals(r.targetType())).findFirst()
                .orElseThrow(() -> HubException.badRequest("rating-target-type", "cannot rate " + r.targetType() + "; ratable: "
                        + services.orderedStream().map(RatedServices::targetType).sorted().toList()));
        RatedServices.RatedService target = resolver.find(r.targetId()).orElseThrow(() -> HubException.notFound("rated-service",
                "there is no " + r.targetType() + " " + r.targetId()));
        if (!by.unitCode().equals(target.windowUnit()) && !by.has(org.proofhub.hub.account.Role.ADMIN)) {
            throw new HubException(HttpStatus.FORBIDDEN, "rating-other-unit", "Not your unit's applicant",
                    "only the unit that served the applicant (" + target.windowUnit() + ") records the rating of " + r.targetType() + " "
                            + r.targetId());
        }
        if (!target.handled()) {
            throw HubException.conflict("rating-not-handled", r.targetType() + " " + r.targetId() + " is " + target.state()
                    + ": only a handled request is rated");
        }
        Instant now = clock.instant();
        Long id;
        try {
            id = jdbc.queryForObject("""
                    insert into service_rating (target_type, target_id, unit_code, service_item_code, score, comment, channel, rated_at, recorded_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class,
                    r.targetType(), r.targetId(), target.unitCode(), target.serviceItemCode(), r.score(), r.comment(), channel, Timestamp.from(now),
                    by.username());
        } catch (DuplicateKeyException e) {
            throw new HubException(HttpStatus.CONFLICT, "rating-exists", "Already rated",
                    r.targetType() + " " + r.targetId() + " is rated already: one rating per handled request (一事一评)");
        }
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "SERVICE_RATED", null, "好差评",
                new TreeMap<>(Map.of("rating", id, "target", r.targetType() + "/" + r.targetId(), "score", r.score()))));
        return new Recorded(id, r.targetType(), r.targetId(), target.unitCode(), target.serviceItemCode(), r.score(), LABELS[r.score()],
                r.comment(), channel, now);
    }

    /** Aggregates per unit ({@code byUnit}) or per service item, lowest average first: where to improve; each also per kind. */
    public List<ReportRow> report(boolean byUnit) {
        String key = byUnit ? "unit_code" : "service_item_code";
        // key → kind → score → count
        Map<String, Map<String, Map<Integer, Long>>> counts = new LinkedHashMap<>();
        jdbc.query("select " + key + ", target_type, score, count(*) from service_rating group by 1, 2, 3", rs -> {
            counts.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).computeIfAbsent(rs.getString(2), k -> new TreeMap<>())
                    .merge(rs.getInt(3), rs.getLong(4), Long::sum);
        });
        var current = list.current().list();
        List<ReportRow> rows = new ArrayList<>();
        counts.forEach((k, byKindAndScore) -> {
            Map<Integer, Long> all = new TreeMap<>();
            byKindAndScore.values().forEach(byScore -> byScore.forEach((score, n) -> all.merge(score, n, Long::sum)));
            KindRow total = KindRow.of(all);
            Map<String, KindRow> byKind = new LinkedHashMap<>();
            KINDS.forEach(kind -> byKind.put(kind, KindRow.of(byKindAndScore.getOrDefault(kind, Map.of()))));
            byKindAndScore.keySet().stream().filter(kind -> !byKind.containsKey(kind))
                    .forEach(kind -> byKind.put(kind, KindRow.of(byKindAndScore.get(kind))));
            rows.add(new ReportRow(k, byUnit ? accounts.unitName(k) : current.item(k).map(ServiceItem::name).orElse(k), total.count(),
                    total.average(), total.distribution(), total.good(), total.bad(), byKind));
        });
        rows.sort((a, b) -> a.average() != b.average() ? Double.compare(a.average(), b.average()) : a.key().compareTo(b.key()));
        return rows;
    }
}
