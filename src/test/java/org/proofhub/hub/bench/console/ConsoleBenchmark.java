package org.proofhub.hub.bench.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.proofhub.hub.bench.BenchContext;
import org.proofhub.hub.bench.BenchResult;
import org.proofhub.hub.bench.Benchmark;
import org.proofhub.hub.bench.InProcessHub;
import org.proofhub.hub.bench.Metric;
import org.proofhub.hub.bench.Percentiles;
import org.proofhub.hub.support.Browser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' SLA board over a busy day, against the real hub started in this JVM: {@value #REQUESTS_DEFAULT}
 * verification requests awaiting an answer are loaded into {@code verification_request} (with their pending
 * {@code DEADLINE} timers, all in the future so that none fires meanwhile), then the demo operator, logged in through
 * the console's form, loads {@code /console/sla} over HTTP (warm-up runs, then the median of the measured runs), and
 * headless Chromium renders the board of the operator and of the busiest unit's supervisor (its open requests listed
 * under the board): the slower median is {@code console.sla_board_10k_ms}.
 * System properties: {@code bench.console.requests}, {@code bench.console.warm-up-runs}, {@code bench.console.runs},
 * {@code bench.console.browser-warm-up-runs}, {@code bench.console.browser-runs}.
 */
public final class ConsoleBenchmark implements Benchmark {
    private static final Logger log = LoggerFactory.getLogger(ConsoleBenchmark.class);
    private static final int REQUESTS_DEFAULT = 10_000;
    private static final int REQUESTS = Integer.getInteger("bench.console.requests", REQUESTS_DEFAULT);
    private static final int WARM_UP_RUNS = Integer.getInteger("bench.console.warm-up-runs", 10);
    private static final int RUNS = Integer.getInteger("bench.console.runs", 21);
    /** The demo's departments that answer requests; the service centre asks them all. */
    private static final List<String> ISSUING_UNITS = List.of("GAJ", "SCJGJ", "FGW", "MZJ", "RSJ", "ZJJ");
    private static final int BROWSER_WARM_UP_RUNS = Integer.getInteger("bench.console.browser-warm-up-runs", 3);
    private static final int BROWSER_RUNS = Integer.getInteger("bench.console.browser-runs", 11);
    /** The supervisor of the first unit asked: a sixth of the requests, listed under the board. */
    private static final String BUSIEST_SUPERVISOR = "gaj.supervisor";
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
            Operator ops = Operator.login(hub.port(), "ops");
            String page = ops.get("/console/sla");
            for (String unit : ISSUING_UNITS) {
                if (!page.contains("id=\"sla-" + unit + "\"")) {
                    throw new IllegalStateException("the SLA board lacks the row of " + unit);
                }
            }
            double[] ms = timed(ops);
            double median = Percentiles.of(ms, 0.5);
            log.info("bench console: SLA board over {} requests, median {} ms over HTTP", REQUESTS, median);
            Operator busiest = Operator.login(hub.port(), BUSIEST_SUPERVISOR);
            double[] supervisorMs = timed(busiest);
            BenchResult result = new BenchResult()
                    .detail("load", load)
                    .detail("page", Map.of("bytes", page.getBytes(StandardCharsets.UTF_8).length))
                    .detail("latencies", Percentiles.summaryMs(ms))
                    .detail("supervisorLatencies", Percentiles.summaryMs(supervisorMs))
                    .detail("supervisorPage", Map.of("bytes", busiest.get("/console/sla").getBytes(StandardCharsets.UTF_8).length))
                    .detail("settings", Map.of("requests", REQUESTS, "warmUpRuns", WARM_UP_RUNS, "runs", RUNS,
                            "browserRuns", BROWSER_RUNS));
            if (!Files.isExecutable(Browser.CHROMIUM) || !Files.isExecutable(Browser.DRIVER)) {
                log.warn("bench console: Chromium or its driver is missing; the board is timed over HTTP only");
                return result.metric(Metric.of("console.sla_board_10k_ms", median, "ms").atMost(1000))
                        .detail("method", "GET /console/sla as the demo operator (form login, session cookie) on one connection,"
                                + " after " + WARM_UP_RUNS + " warm-up runs; median of " + RUNS + " runs, each timed until the"
                                + " whole page is read (Chromium missing: no browser rendering measured)");
            }
            double operator = rendered(hub.port(), "ops");
            double supervisor = rendered(hub.port(), BUSIEST_SUPERVISOR);
            log.info("bench console: SLA board rendered in Chromium, median {} ms for the operator, {} ms for {}", operator,
                    supervisor, BUSIEST_SUPERVISOR);
            return result
                    .metric(Metric.of("console.sla_board_10k_ms", Math.max(operator, supervisor), "ms").atMost(1000))
                    .metric(Metric.of("console.sla_board_10k_operator_ms", operator, "ms"))
                    .metric(Metric.of("console.sla_board_10k_supervisor_ms", supervisor, "ms"))
                    .metric(Metric.of("console.sla_board_10k_http_ms", median, "ms"))
                    .detail("method", "console.sla_board_10k_ms: the slower of two boards rendered in headless Chromium (Debian's,"
                            + " through chromedriver), each the median over " + BROWSER_RUNS + " page loads after "
                            + BROWSER_WARM_UP_RUNS + " warm-up loads, from navigation start to the load event (HTML, style"
                            + " sheet and script fetched, the page laid out): the operator's board (every unit's counts)"
                            + " and the board of " + BUSIEST_SUPERVISOR + ", whose unit holds a sixth of the requests and"
                            + " whose board also lists its open requests (at most 1,000); console.sla_board_10k_http_ms:"
                            + " GET /console/sla as the demo operator over HTTP on one connection, median of " + RUNS
                            + " runs after " + WARM_UP_RUNS + " warm-up runs, each timed until the whole page is read");
        }
    }

    /** The times of the measured loads of the board over HTTP after the warm-up loads, in milliseconds. */
    private static double[] timed(Operator account) throws IOException, InterruptedException {
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            account.get("/console/sla");
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            account.get("/console/sla");
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    /**
     * The median time, in Chromium, from navigation start to the load event of {@code /console/sla} for {@code account}
     * (demo password), after warm-up loads.
     */
    private static double rendered(int port, String account) {
        try (Browser browser = Browser.open(port)) {
            browser.login(account, "hub-demo");
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            for (int i = 0; i < BROWSER_WARM_UP_RUNS; i++) {
                browser.go("/console/sla");
            }
            double[] ms = new double[BROWSER_RUNS];
            for (int i = 0; i < BROWSER_RUNS; i++) {
                browser.go("/console/sla");
                if (browser.driver().findElements(By.id("sla")).isEmpty()) {
                    throw new IllegalStateException("the SLA board did not render for " + account);
                }
                Object t = js.executeScript("const n = performance.getEntriesByType('navigation')[0];"
                        + " return n.loadEventEnd > 0 ? n.loadEventEnd - n.startTime : -1;");
                double v = ((Number) t).doubleValue();
                if (v < 0) {
                    throw new IllegalStateException("the browser reported no load event for the SLA board");
                }
                ms[i] = v;
            }
            return Percentiles.of(ms, 0.5);
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

        static Operator login(int port, String account) throws IOException, InterruptedException {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(2))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            Operator ops = new Operator(client, "http://localhost:" + port);
            Matcher csrf = CSRF.matcher(ops.get("/login"));
            if (!csrf.find()) {
                throw new IllegalStateException("the login page carries no CSRF token");
            }
            String form = "username=" + account + "&password=hub-demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
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
