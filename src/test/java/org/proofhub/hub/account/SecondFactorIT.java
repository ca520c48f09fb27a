package org.proofhub.hub.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.TestClock;
import org.proofhub.hub.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Administrators' second factor (等保) on the real hub, as the hub ships it (ADMIN needs one): an administrator without one
 * reaches nothing but its enrolment; the key is kept encrypted; the app's first code confirms it; from then on every API call
 * carries a current code and every console login asks for one, once; wrong codes lock the account; other roles are not asked;
 * an administrator removes a lost second factor. Each refusal is a problem document that says what to do.
 */
@Import(SecondFactorIT.Clocks.class)
@TestPropertySource(properties = "hub.accounts.second-factor-roles=ADMIN")
class SecondFactorIT extends HubIT {
    private static final String TEMPORARY = "Temp-Pass-2026";
    private static final String PASSWORD = "Chosen-Pass-2026!";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** The hub's clock, moved by a 30-second step where a test needs the app's next code. */
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    TestClock clock;
    @Autowired
    org.proofhub.hub.platform.DataProtection protection;

    private static byte[] demoAdminKey;

    record Answer(int status, Map<String, Object> body) {
        String problemType() {
            return String.valueOf(body.get("type")).replace("https://proofhub.org/problems/", "");
        }
    }

    @Test
    void anAdministratorWithoutOneReachesOnlyItsEnrolmentThenSendsACodeWithEveryCall() throws Exception {
        String admin = newAdministrator();

        Answer refused = call("GET", "/api/admin/accounts", admin, PASSWORD, null, null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo("second-factor-enrolment-required");
        assertThat(String.valueOf(refused.body().get("detail"))).contains("POST /api/account/second-factor", "authenticator app");
        assertThat(refused.body()).as("RFC 9457 members, none empty").containsOnlyKeys("type", "title", "status", "detail");
        assertThat(call("GET", "/api/account/second-factor", admin, PASSWORD, null, null).body())
                .containsEntry("required", true).containsEntry("state", "NONE");

        Answer enrolment = call("POST", "/api/account/second-factor", admin, PASSWORD, null, null);
        assertThat(enrolment.status()).isEqualTo(201);
        byte[] key = keyOf(String.valueOf(enrolment.body().get("otpauthUri")));
        assertThat(String.valueOf(enrolment.body().get("key")).replace(" ", "")).isEqualTo(Totp.base32(key));
        assertThat(call("POST", "/api/account/second-factor", admin, PASSWORD, null, null).body().get("otpauthUri"))
                .as("the key waiting for its first code, again").isEqualTo(enrolment.body().get("otpauthUri"));
        byte[] stored = hub.queryForObject("select secret from account_second_factor where username = ?", byte[].class, admin);
        assertThat(Base64.getEncoder().encodeToString(stored)).doesNotContain(Base64.getEncoder().encodeToString(key));
        assertThat(protection.decrypt(stored)).as("kept under the data protection key").isEqualTo(key);

        Answer wrong = call("POST", "/api/account/second-factor/confirm", admin, PASSWORD, null, Map.of("code", otherCode(key)));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.problemType()).isEqualTo("bad-second-factor");
        assertThat(hub.queryForObject("select failed_logins from account where username = ?", Integer.class, admin))
                .as("a wrong code counts like a wrong password").isEqualTo(1);
        assertThat(call("POST", "/api/account/second-factor/confirm", admin, PASSWORD, null, Map.of("code", code(key))).status()).isEqualTo(204);
        assertThat(call("GET", "/api/account/second-factor", admin, PASSWORD, code(key), null).body()).containsEntry("state", "ACTIVE");
        assertThat(call("POST", "/api/account/second-factor", admin, PASSWORD, code(key), null).problemType())
                .as("a confirmed key is not replaced by its holder").isEqualTo("second-factor-active");

        Answer noCode = call("GET", "/api/admin/accounts", admin, PASSWORD, null, null);
        assertThat(noCode.status()).isEqualTo(401);
        assertThat(noCode.problemType()).isEqualTo("second-factor-required");
        assertThat(String.valueOf(noCode.body().get("detail"))).contains("X-Hub-Second-Factor");
        assertThat(call("GET", "/api/admin/accounts", admin, PASSWORD, otherCode(key), null).problemType()).isEqualTo("bad-second-factor");
        assertThat(call("GET", "/api/admin/accounts", admin, "Wrong-Pass-2026!", code(key), null).status())
                .as("the code does not stand in for the password").isEqualTo(401);
        String current = code(key);
        assertThat(call("GET", "/api/admin/accounts/" + admin, admin, PASSWORD, current, null).body())
                .containsEntry("secondFactor", "ACTIVE").containsEntry("failedLogins", 0);
        assertThat(call("GET", "/api/admin/units", admin, PASSWORD, current, null).status()).as("a current code serves several calls").isEqualTo(200);

        assertThat(hub.queryForList("select action from audit_log where detail::jsonb->>'account' = ? and action like 'SECOND_FACTOR%' "
                + "union all select action from audit_pending where detail::jsonb->>'account' = ? and action like 'SECOND_FACTOR%'", String.class, admin, admin))
                .contains("SECOND_FACTOR_ENROLMENT_STARTED", "SECOND_FACTOR_CONFIRMED");
    }

    @Test
    void otherRolesAreNotAskedForACode() throws Exception {
        assertThat(call("GET", "/api/verification/inbox", "gaj.agent", "hub-demo", null, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/account/second-factor", "gaj.agent", "hub-demo", null, null).body())
                .containsEntry("required", false).containsEntry("state", "NONE");
        assertThat(call("POST", "/api/account/second-factor", "gaj.agent", "hub-demo", null, null).problemType())
                .as("no key for an account that would never be asked for its codes").isEqualTo("second-factor-not-required");
        Session operator = new Session();
        operator.login("ops", "hub-demo");
        assertThat(operator.get("/console").statusCode()).isEqualTo(200);
        assertThat(operator.get("/login/second-factor").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
    }

    @Test
    void theConsoleShowsTheKeyAsAQrCodeAndAsksForACodeOncePerLogin() throws Exception {
        String admin = newAdministrator();
        Session first = new Session();
        first.login(admin, PASSWORD);
        assertThat(first.get("/console").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login/second-factor"));
        assertThat(first.get("/console/admin/accounts").statusCode()).as("no page before the second step").isEqualTo(302);
        String page = first.get("/login/second-factor").body();
        assertThat(page).contains("id=\"second-factor-enrol\"", "id=\"second-factor-qr\"");
        String uri = decodeQr(page);
        assertThat(uri).startsWith("otpauth://totp/").contains("issuer=", "digits=6", "period=30");
        byte[] key = keyOf(uri);
        Matcher shown = Pattern.compile("id=\"second-factor-key\">([A-Z2-7 ]+)<").matcher(page);
        assertThat(shown.find()).isTrue();
        assertThat(shown.group(1).replace(" ", "")).isEqualTo(Totp.base32(key));

        assertThat(first.post("/login/second-factor", Map.of("code", otherCode(key))).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login/second-factor"));
        assertThat(first.get("/login/second-factor").body()).contains("id=\"second-factor-problem\"");
        String code = code(key);
        assertThat(first.post("/login/second-factor", Map.of("code", code)).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
        assertThat(first.get("/console/admin/accounts").statusCode()).isEqualTo(200);
        assertThat(first.get("/no-such-page").statusCode()).as("outside the console, the session that took a code is still in")
                .isEqualTo(404);
        // the accounts page shows who has a second factor, and removes another's
        String other = newAdministrator();
        enrol(other, PASSWORD);
        String accountsPage = first.get("/console/admin/accounts").body();
        assertThat(accountsPage).contains("/console/admin/accounts/" + other + "/second-factor", "account-second-factor");
        assertThat(first.post("/console/admin/accounts/" + other + "/second-factor", Map.of(), "/console/admin/accounts").statusCode()).isEqualTo(302);
        assertThat(first.get("/console/admin/accounts").body()).contains("id=\"accounts-done\"");
        assertThat(hub.queryForObject("select count(*) from account_second_factor where username = ?", Integer.class, other)).isZero();

        Session second = new Session();
        second.login(admin, PASSWORD);
        assertThat(second.get("/login/second-factor").body()).contains("id=\"second-factor-ask\"").doesNotContain("second-factor-qr");
        second.post("/login/second-factor", Map.of("code", code));
        assertThat(second.get("/login/second-factor").body()).as("the code of a step already used for a login")
                .contains("id=\"second-factor-problem\"");
        assertThat(second.get("/console").statusCode()).isEqualTo(302);
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
        second.post("/login/second-factor", Map.of("code", code(key)));
        assertThat(second.get("/console").statusCode()).isEqualTo(200);
    }

    @Test
    void wrongCodesLockTheAccountAndAnAdministratorRemovesALostSecondFactor() throws Exception {
        String admin = newAdministrator();
        byte[] key = enrol(admin, PASSWORD);
        for (int i = 0; i < 5; i++) {
            call("GET", "/api/admin/units", admin, PASSWORD, otherCode(key), null);
        }
        Answer locked = call("GET", "/api/admin/units", admin, PASSWORD, code(key), null);
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.problemType()).isEqualTo("account-locked");

        String by = demoAdmin();
        assertThat(call("POST", "/api/admin/accounts/" + admin + "/unlock", by, "hub-demo", code(demoAdminKey), null).status()).isEqualTo(200);
        assertThat(call("DELETE", "/api/admin/accounts/" + admin + "/second-factor", by, "hub-demo", code(demoAdminKey), null).status())
                .isEqualTo(204);
        assertThat(call("GET", "/api/admin/units", admin, PASSWORD, code(key), null).problemType())
                .as("enrols again, with a new phone").isEqualTo("second-factor-enrolment-required");
        assertThat(keyOf(String.valueOf(call("POST", "/api/account/second-factor", admin, PASSWORD, null, null).body().get("otpauthUri"))))
                .isNotEqualTo(key);
        assertThat(hub.queryForList("select action from audit_log where detail::jsonb->>'account' = ? and action = 'SECOND_FACTOR_REMOVED' "
                + "union all select action from audit_pending where detail::jsonb->>'account' = ? and action = 'SECOND_FACTOR_REMOVED'", String.class,
                admin, admin)).hasSize(1);
        assertThat(call("DELETE", "/api/admin/accounts/" + admin + "/second-factor", by, "hub-demo", code(demoAdminKey), null).status())
                .as("a key waiting for its first code is removed too").isEqualTo(204);
        Answer none = call("DELETE", "/api/admin/accounts/" + admin + "/second-factor", by, "hub-demo", code(demoAdminKey), null);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.problemType()).isEqualTo("second-factor-not-found");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The demo administrator, enrolled once for the tests that need an administrator to act. */
    private synchronized String demoAdmin() throws Exception {
        if (demoAdminKey == null) {
            demoAdminKey = enrol("admin", "hub-demo");
        }
        return "admin";
    }

    /** A new administrator with {@link #PASSWORD}, made by the demo one. */
    private String newAdministrator() throws Exception {
        String by = demoAdmin();
        String username = "second.factor" + TestData.next();
        Answer created = call("POST", "/api/admin/accounts", by, "hub-demo", code(demoAdminKey), Map.of("username", username,
                "displayName", "测试管理员", "unitCode", "SJJ", "roles", List.of("ADMIN"), "password", TEMPORARY));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(created.body()).containsEntry("secondFactor", "NONE");
        HttpResponse<String> changed = http().send(HttpRequest.newBuilder(uri("/api/public/account/password"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("username", username, "currentPassword", TEMPORARY, "newPassword", PASSWORD)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
        return username;
    }

    private byte[] enrol(String username, String password) throws Exception {
        Answer enrolment = call("POST", "/api/account/second-factor", username, password, null, null);
        assertThat(enrolment.status()).as("%s", enrolment.body()).isEqualTo(201);
        byte[] key = keyOf(String.valueOf(enrolment.body().get("otpauthUri")));
        assertThat(call("POST", "/api/account/second-factor/confirm", username, password, null, Map.of("code", code(key))).status()).isEqualTo(204);
        return key;
    }

    private String code(byte[] key) {
        return Totp.code(key, Totp.step(clock.instant()));
    }

    /** A six-digit code that is none of the window's (current, previous, next). */
    private String otherCode(byte[] key) {
        long now = Totp.step(clock.instant());
        List<String> valid = List.of(Totp.code(key, now - 1), Totp.code(key, now), Totp.code(key, now + 1));
        for (int i = 0; ; i++) {
            String candidate = String.format("%06d", (Integer.parseInt(valid.get(1)) + 500_000 + i) % 1_000_000);
            if (!valid.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static byte[] keyOf(String otpauthUri) {
        Matcher m = Pattern.compile("[?&]secret=([A-Z2-7]+)").matcher(otpauthUri);
        assertThat(m.find()).as(otpauthUri).isTrue();
        return base32Decode(m.group(1));
    }

    private static byte[] base32Decode(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    /** Reads the page's inline SVG QR code as a scanner would, from its modules drawn at 8 pixels each. */
    private static String decodeQr(String page) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"").matcher(page);
        assertThat(box.find()).isTrue();
        int size = Integer.parseInt(box.group(1));
        int scale = 8;
        BufferedImage image = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(java.awt.Color.BLACK);
        Matcher module = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(page);
        while (module.find()) {
            g.fillRect(Integer.parseInt(module.group(1)) * scale, Integer.parseInt(module.group(2)) * scale, scale, scale);
        }
        g.dispose();
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpClient http() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @SuppressWarnings("unchecked")
    private Answer call(String method, String path, String username, String password, String code, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (code != null) {
            b.header("X-Hub-Second-Factor", code);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http().send(b.build(), HttpResponse.BodyHandlers.ofString());
        Object parsed = r.body() == null || r.body().isBlank() ? Map.of() : JSON.readValue(r.body(), Object.class);
        return new Answer(r.statusCode(), parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("items", parsed));
    }

    /** A browser's session with the console: cookies kept, redirects not followed. */
    private final class Session {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            return post(path, form, path.equals("/login") ? "/login" : "/login/second-factor");
        }

        /** Posts {@code form} as the page {@code formPage} would, with that page's CSRF token. */
        HttpResponse<String> post(String path, Map<String, String> form, String formPage) throws Exception {
            String page = get(formPage).body();
            Matcher csrf = CSRF.matcher(page);
            assertThat(csrf.find()).as("the form carries its CSRF token: " + page).isTrue();
            StringBuilder encoded = new StringBuilder("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
            form.forEach((k, v) -> encoded.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return client.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(encoded.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }

        void login(String username, String password) throws Exception {
            HttpResponse<String> r = post("/login", Map.of("username", username, "password", password));
            assertThat(r.headers().firstValue("Location")).as("logged in").hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        }
    }

}
