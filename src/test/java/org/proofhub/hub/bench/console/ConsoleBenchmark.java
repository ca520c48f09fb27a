package org.proofhub.hub.bench.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.proofhub.hub.bench.BenchContext;
import org.proofhub.hub.bench.BenchResult;
import org.proofhub.hub.bench.Benchmark;
import org.proofhub.hub.bench.InProcessHub;
import org.proofhub.hub.bench.Metric;
import org.proofhub.hub.bench.Percentiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' SLA board over a busy day, against the real hub started in this JVM: {@value #REQUESTS_DEFAULT}
 * verification requests awaiting an answer are loaded into {@code verification_request} (with their pending
 * {@code DEADLINE} timers, all in the future so that none fires meanwhile), then the demo operator, logged in through
 * the console's form, loads {@code /console/sla} over HTTP: warm-up runs, then the median of the measured runs.
 * System properties: {@code bench.console.requests}, {@code bench.console.warm-up-runs}, {@code bench.console.runs}.
 */
public final class ConsoleBenchmark implements Benchmark {
    private static final Logger log = LoggerFactory.getLogger(ConsoleBenchmark.class);
    private static final int REQUESTS_DEFAULT = 10_000;
    private static final int REQUESTS = Integer.getInteger("bench.console.requests", REQUESTS_DEFAULT);
    private static final int WARM_UP_RUNS = Integer.getInteger("bench.console.warm-up-runs", 10);
    private static final int RUNS = Integer.getInteger("bench.console.runs", 21);
    /** The demo's departments that answer requests; the service centre asks them all. */
    private static final List<String> ISSUING_UNITS = List.of("GAJ", "SCJGJ", "FGW", "MZJ", "RSJ", "ZJJ");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Override
    public String name() {
        return "console";
    }

    @Override
    public String description() {
        return "console: the SLA board rendered for an operator over " + REQUESTS + " requests awaiting an answer";
    }

    @Override
    public BenchResult run(BenchContext context) throws Exception {
        Map<String, String> properties = Map.of(
                "hub.demo.persons", "200",
                "hub.demo.legal-entities", "50",
                "hub.demo.live-changes-per-second", "0");
        try (InProcessHub hub = InProcessHub.start(context.projectDirectory(), context.workDirectory().resolve("data"), properties)) {
            Map<String, Object> load = loadRequests(hub.hubDatabase());
            Operator ops = Operator.login(hub.port());
            String page = ops.get("/console/sla");
            for (String unit : ISSUING_UNITS) {
                if (!page.contains("id=\"sla-" + unit + "\"")) {
                    throw new IllegalStateException("the SLA board lacks the row of " + unit);
                }
            }
            for (int i = 0; i < WARM_UP_RUNS; i++) {
                ops.get("/console/sla");
            }
            double[] ms = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long t = System.nanoTime();
                ops.get("/console/sla");
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            double median = Percentiles.of(ms, 0.5);
            log.info("bench console: SLA board over {} requests, median {} ms", REQUESTS, median);
            return new BenchResult()
                    .metric(Metric.of("console.sla_board_10k_ms", median, "ms").atMost(1000))
                    .detail("load", load)
                    .detail("page", Map.of("bytes", page.getBytes(StandardCharsets.UTF_8).length))
                    .detail("latencies", Percentiles.summaryMs(ms))
                    .detail("settings", Map.of("requests", REQUESTS, "warmUpRuns", WARM_UP_RUNS, "runs", RUNS))
                    .detail("method", "GET /console/sla as the demo operator (form login, session cookie) on one connection,"
                            + " after " + WARM_UP_RUNS + " warm-up runs; median of " + RUNS + " runs, each timed until the"
                            + " whole page is read");
        }
    }

    /**
     * One statement: requests from the service centre to the departments in turn, received over the last 20 minutes,
     * deadlines 10 minutes to 23 hours ahead (a share due soon), each with its pending DEADLINE timer.
     */
    private static Map<String, Object> loadRequests(DataSource hubDb) throws Exception {
        Instant now = Instant.now();
        long t = System.nanoTime();
        try (Connection c = hubDb.getConnection(); PreparedStatement ps = c.prepareStatement("""
                with req as (
                    insert into verification_request (id, status, requesting_unit, requesting_agent, issuing_unit, assigned_agent,
                        assigned_post, service_item_code, application_id, item_kind, data_backed, proof_type, subject_type,
                        subject_id, subject_name, subject_hash, query_letter, received_at, deadline_at, first_deadline_at,
                        latest_deadline_at, return_until, updated_at)
                    select 'VR-BENCH-' || lpad(n::text, 6, '0'), 'RECEIVED', 'ZWFWZX', 'window.agent', u.unit,
                        lower(u.unit) || '.agent', 'A', '350100-HJ-0001', 'BENCH-' || n, 'INSTANT', false, 'household-registration',
                        'PERSON', '3501021990' || lpad(n::text, 8, '0'), '压测', md5('bench-' || n), '请核实户籍登记信息。',
                        r.received, r.deadline, r.deadline, r.received + interval '24 hours', r.received + interval '30 minutes', r.received
                    from generate_series(1, ?) n
                    cross join lateral (select (?::text[])[1 + n % ?] as unit) u
                    cross join lateral (select ?::timestamptz - (n % 1200) * interval '1 second' as received,
                                               ?::timestamptz + interval '10 minutes' + (n % 1380) * interval '1 minute' as deadline) r
                    returning id, deadline_at)
                insert into verification_deadline (request_id, kind, due_at) select id, 'DEADLINE', deadline_at from req""")) {
            ps.setInt(1, REQUESTS);
            ps.setArray(2, c.createArrayOf("text", ISSUING_UNITS.toArray()));
            ps.setInt(3, ISSUING_UNITS.size());
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
        }
        long loaded = System.nanoTime();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", REQUESTS);
        m.put("issuingUnits", ISSUING_UNITS);
        m.put("loadSeconds", Math.round((loaded - t) / 1e6) / 1000.0);
        try (Connection c = hubDb.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select count(*) filter (where status in ('RECEIVED', 'OPENED', 'DELAYED')), count(*) from verification_request")) {
            rs.next();
            m.put("awaitingInTable", rs.getLong(1));
            m.put("requestsInTable", rs.getLong(2));
        }
        // fresh statistics, as autovacuum would have them a minute later
        try (Connection c = hubDb.getConnection()) {
            c.createStatement().execute("analyze verification_request");
        }
        return m;
    }

    /** The demo operator in the console: a session cookie from the login form, then plain GETs. */
    private static final class Operator {
        private final HttpClient client;
        private final String base;

        private Operator(HttpClient client, String base) {
            this.client = client;
            this.base = base;
        }

        static Operator login(int port) throws IOException, InterruptedException {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(2))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            Operator ops = new Operator(client, "http://localhost:" + port);
            Matcher csrf = CSRF.matcher(ops.get("/login"));
            if (!csrf.find()) {
                throw new IllegalStateException("the login page carries no CSRF token");
            }
            String form = "username=ops&password=hub-demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(ops.base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String location = r.headers().firstValue("Location").orElse("");
            if (r.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException("the operator's console login failed: " + r.statusCode() + " " + location);
            }
            return ops;
        }

        String get(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + r.statusCode());
            }
            return r.body();
        }
    }
}
