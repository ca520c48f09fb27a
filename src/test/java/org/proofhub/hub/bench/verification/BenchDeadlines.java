package org.proofhub.hub.bench.verification;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pending verification requests with one DEADLINE each, written straight into the hub database in bulk
 * (one statement each), as if that many requests were waiting for answers. Ids start with {@code prefix}.
 */
final class BenchDeadlines {
    private BenchDeadlines() {
    }

    /** {@code count} requests whose deadlines fall evenly from {@code first} over {@code spread}. */
    static void insert(JdbcTemplate db, String prefix, int count, Instant first, Duration spread) {
        db.update("""
                insert into verification_request (id, status, requesting_unit, requesting_agent, issuing_unit, assigned_agent,
                    assigned_post, service_item_code, application_id, item_kind, data_backed, proof_type, subject_type, subject_id,
                    subject_name, subject_hash, query_letter, received_at, deadline_at, first_deadline_at, latest_deadline_at,
                    return_until, updated_at)
                select ? || g, 'RECEIVED', 'ZWFWZX', 'window.agent', u, lower(u) || '.agent', 'A', '350100-HJ-0001', ? || 'APP-' || g,
                    'INSTANT', false, 'household-registration', 'PERSON', 'BENCH' || g, '压测人', md5(g::text), '压测',
                    due - interval '30 minutes', due, due, due + interval '1 day', due - interval '1 minute', now()
                from (select g, (array['GAJ', 'SCJGJ', 'FGW', 'MZJ', 'RSJ', 'ZJJ'])[1 + g % 6] as u,
                             ?::timestamptz + (g - 1) * (?::double precision * interval '1 microsecond') as due
                      from generate_series(1, ?) g) s""",
                prefix, prefix, Timestamp.from(first), (double) spread.toNanos() / 1000 / count, count);
        db.update("""
                insert into verification_deadline (request_id, kind, due_at)
                select id, 'DEADLINE', deadline_at from verification_request where id like ? || '%'""", prefix);
    }
}
