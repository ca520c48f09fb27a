package org.proofhub.hub.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Account administration on the real hub: an administrator creates a unit and an account with a temporary password, which
 * does not let its holder in until changed; wrong passwords lock the account (also with the right one then), an administrator
 * unlocks it, a lock runs out; disabling refuses at once; the last administrator stays; every change is audited; each refusal
 * says why in a problem document.
 */
class AccountAdministrationIT extends HubIT {
    private static final String TEMPORARY = "Temp-Pass-2026";
    private static final String CHOSEN = "Chosen-Pass-2026!";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    AccountProperties properties;
    @Autowired
    org.proofhub.hub.verification.Rosters rosters;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    TestRestTemplate admin() {
        return rest.withBasicAuth("admin", "hub-demo");
    }

    @SuppressWarnings("rawtypes")
    ResponseEntity<Map> post(TestRestTemplate as, String path, Object body) {
        return as.postForEntity(path, new HttpEntity<>(body), Map.class);
    }

    @SuppressWarnings("rawtypes")
    ResponseEntity<Map> patch(String path, Object body) {
        return admin().exchange(path, HttpMethod.PATCH, new HttpEntity<>(body), Map.class);
    }

    /** What an account's holder gets from an API call that needs a login: the status, and the problem document of a refusal. */
    record Answer(int code, Map<String, Object> problem) {
    }

    Answer inbox(String username, String password) {
        ResponseEntity<String> r = rest.withBasicAuth(username, password).getForEntity("/api/verification/inbox", String.class);
        try {
            return new Answer(r.getStatusCode().value(), r.getStatusCode().is2xxSuccessful() || r.getBody() == null ? Map.of()
                    : new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.getBody(), Map.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not a problem document: " + r.getBody(), e);
        }
    }

    String newAccount(String unit, List<String> roles) {
        String username = "acct.test" + TestData.next();
        @SuppressWarnings("rawtypes")
        ResponseEntity<Map> created = post(admin(), "/api/admin/accounts", Map.of("username", username, "displayName", "测试账户",
                "unitCode", unit, "roles", roles, "password", TEMPORARY));
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        assertThat(created.getBody()).containsEntry("mustChangePassword", true).containsEntry("enabled", true).doesNotContainKeys("password", "passwordHash");
        return username;
    }

    void changePassword(String username, String current, String next) {
        @SuppressWarnings("rawtypes")
        ResponseEntity<Map> changed = post(rest, "/api/public/account/password",
                Map.of("username", username, "currentPassword", current, "newPassword", next));
        assertThat(changed.getStatusCode().value()).as("%s", changed.getBody()).isEqualTo(204);
    }

    long audited(String action, String account) {
        return hub.queryForObject("""
                select (select count(*) from audit_pending where action = ? and detail::jsonb->>'account' = ?)
                     + (select count(*) from audit_log where action = ? and detail::jsonb->>'account' = ?)""",
                Long.class, action, account, action, account);
    }

    @Test
    void accountAdministrationIsDescribedForIntegrators() {
        String docs = rest.getForObject("/v3/api-docs", String.class);
        assertThat(docs).contains("/api/admin/accounts", "/api/admin/accounts/{username}/unlock",
                "/api/admin/units/{code}", "/api/public/account/password", "账户管理", "/api/account/second-factor",
                "/api/admin/accounts/{username}/second-factor");
        // how to log in: HTTP Basic, with the second factor's header for the accounts that need it; nothing on public addresses
        com.fasterxml.jackson.databind.JsonNode api = readJson(docs);
        assertThat(api.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        assertThat(api.at("/components/securitySchemes/secondFactor/name").asText()).isEqualTo("X-Hub-Second-Factor");
        assertThat(api.at("/security").toString()).contains("secondFactor");
        assertThat(api.at("/paths/~1api~1public~1account~1password/post/security").toString()).isEqualTo("[]");
    }

    @Test
    void anAdministratorCreatesAUnitAndAnAccountWhoseHolderMustChangeTheTemporaryPassword() {
        String unit = "TEST" + TestData.next();
        @SuppressWarnings("rawtypes")
        ResponseEntity<Map> savedUnit = admin().exchange("/api/admin/units/" + unit, HttpMethod.PUT,
                new HttpEntity<>(Map.of("name", "市测试局", "nameEn", "Test Bureau", "kind", "DEPARTMENT")), Map.class);
        assertThat(savedUnit.getStatusCode().value()).as("%s", savedUnit.getBody()).isEqualTo(200);
        assertThat(savedUnit.getBody()).containsEntry("name", "市测试局").containsEntry("accounts", 0);

        // a weak password is refused with what it lacks; an unknown unit too
        @SuppressWarnings("rawtypes")
        ResponseEntity<Map> weak = post(admin(), "/api/admin/accounts", Map.of("username", "weak.one" + TestData.next(), "displayName", "弱",
                "unitCode", unit, "roles", List.of("AGENT"), "password", "password"));
        assertThat(weak.getStatusCode().value()).isEqualTo(400);
        assertThat((List<?>) weak.getBody().get("problems")).hasSize(2);
        assertThat(post(admin(), "/api/admin/accounts", Map.of("username", "nounit" + TestData.next(), "displayName", "无单位",
                "unitCode", "NO_SUCH_UNIT", "roles", List.of("AGENT"), "password", TEMPORARY)).getStatusCode().value()).isEqualTo(422);

        String username = newAccount(unit, List.of("AGENT"));
        assertThat(post(admin(), "/api/admin/accounts", Map.of("username", username, "displayName", "重复", "unitCode", unit,
                "roles", List.of("AGENT"), "password", TEMPORARY)).getStatusCode().value()).isEqualTo(409);

        // the temporary password lets nobody in: the answer says where to change it
        Answer expired = inbox(username, TEMPORARY);
        assertThat(expired.code()).isEqualTo(401);
        assertThat(expired.problem()).containsEntry("title", "Password must be changed");
        assertThat(expired.problem().get("detail").toString()).contains("/api/public/account/password");

        @SuppressWarnings("rawtypes")
        ResponseEntity<Map> stillWeak = post(rest, "/api/public/account/password", Map.of("username", username, "currentPassword", TEMPORARY,
                "newPassword", "short"));
        assertThat(stillWeak.getStatusCode().value()).isEqualTo(400);
        changePassword(username, TEMPORARY, CHOSEN);
        assertThat(inbox(username, CHOSEN).code()).isEqualTo(200);
        assertThat(inbox(username, TEMPORARY).code()).as("the old password is gone").isEqualTo(401);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = admin().getForObject("/api/admin/accounts?unit=" + unit, List.class);
        assertThat(listed).singleElement().satisfies(a -> assertThat(a).containsEntry("username", username)
                .containsEntry("mustChangePassword", false).containsKey("passwordChangedAt"));
        // only administrators keep accounts
        assertThat(rest.withBasicAuth("window.agent", "hub-demo").getForEntity("/api/admin/accounts", String.class).getStatusCode().value())
                .isEqualTo(403);
        await().atMost(Duration.ofSeconds(10)).until(() -> audited("ACCOUNT_CREATED", username) == 1 && audited("PASSWORD_CHANGED", username) == 1);
        assertThat(hub.queryForObject("select count(*) from audit_log where detail like ? or detail like ?", Long.class,
                "%" + TEMPORARY + "%", "%" + CHOSEN + "%")).as("no password in the audit trail").isZero();
    }

    @Test
    void wrongPasswordsLockTheAccountUntilAnAdministratorUnlocksItOrTheLockRunsOut() {
        String username = newAccount("GAJ", List.of("AGENT"));
        changePassword(username, TEMPORARY, CHOSEN);
        int max = properties.maxFailedLogins();
        for (int i = 1; i < max; i++) {
            assertThat(inbox(username, "wrong-" + i).problem()).containsEntry("title", "Wrong user name or password");
        }
        // a good login in between starts the count again
        assertThat(inbox(username, CHOSEN).code()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.queryForObject("select failed_logins from account where username = ?",
                Integer.class, username) == 0);
        for (int i = 1; i <= max; i++) {
            assertThat(inbox(username, "wrong-" + i).code()).isEqualTo(401);
        }
        Instant lockedUntil = hub.queryForObject("select locked_until from account where username = ?", java.sql.Timestamp.class, username).toInstant();
        assertThat(lockedUntil).isBetween(Instant.now().plus(properties.lockDuration()).minusSeconds(60), Instant.now().plus(properties.lockDuration()));

        // locked: even the right password is refused, and the answer says until when
        Answer locked = inbox(username, CHOSEN);
        assertThat(locked.code()).isEqualTo(401);
        assertThat(locked.problem()).containsEntry("title", "Account locked");
        assertThat(locked.problem().get("detail").toString()).contains("until 20").contains("Beijing time");
        assertThat(meters.get("hub.accounts.locked").counter().count()).as("operators count the locks").isGreaterThanOrEqualTo(1);
        assertThat(post(rest, "/api/public/account/password", Map.of("username", username, "currentPassword", CHOSEN,
                "newPassword", "Another-Pass-2026")).getStatusCode().value()).as("no password change while locked").isEqualTo(403);
        @SuppressWarnings("rawtypes")
        ResponseEntity<Map> shown = admin().getForEntity("/api/admin/accounts/" + username, Map.class);
        assertThat(shown.getBody()).containsEntry("locked", true).containsEntry("failedLogins", max);

        assertThat(post(admin(), "/api/admin/accounts/" + username + "/unlock", Map.of()).getStatusCode().value()).isEqualTo(200);
        assertThat(inbox(username, CHOSEN).code()).isEqualTo(200);

        // lock it again, and let the lock run out (its time moved into the past): the right password works, the count starts anew
        for (int i = 1; i <= max; i++) {
            inbox(username, "wrong-again-" + i);
        }
        assertThat(inbox(username, CHOSEN).code()).isEqualTo(401);
        hub.update("update account set locked_until = now() - interval '1 second' where username = ?", username);
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox(username, CHOSEN).code() == 200);
        inbox(username, "one-more-wrong");
        assertThat(hub.queryForObject("select failed_logins from account where username = ?", Integer.class, username))
                .as("after a lock ran out, one wrong password does not lock again").isEqualTo(1);
        assertThat(inbox(username, CHOSEN).code()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> audited("ACCOUNT_LOCKED", username) == 2 && audited("ACCOUNT_UNLOCKED", username) == 1);
    }

    @Test
    void anAdministratorChangesRolesAndDisablesAccountsButNeverTheLastAdministrator() {
        String username = newAccount("SCJGJ", List.of("AGENT"));
        changePassword(username, TEMPORARY, CHOSEN);
        assertThat(rest.withBasicAuth(username, CHOSEN).getForEntity("/api/verification/alerts", String.class).getStatusCode().value())
                .as("an agent reads no supervisor's alerts").isEqualTo(403);

        @SuppressWarnings("rawtypes")
        ResponseEntity<Map> promoted = patch("/api/admin/accounts/" + username, Map.of("roles", List.of("AGENT", "SUPERVISOR")));
        assertThat(promoted.getStatusCode().value()).as("%s", promoted.getBody()).isEqualTo(200);
        assertThat((List<Object>) promoted.getBody().get("roles")).containsExactlyInAnyOrder("AGENT", "SUPERVISOR");
        assertThat(rest.withBasicAuth(username, CHOSEN).getForEntity("/api/verification/alerts", String.class).getStatusCode().value())
                .as("the new role works at once").isEqualTo(200);

        assertThat(patch("/api/admin/accounts/" + username, Map.of("enabled", false)).getStatusCode().value()).isEqualTo(200);
        Answer disabled = inbox(username, CHOSEN);
        assertThat(disabled.code()).isEqualTo(401);
        assertThat(disabled.problem()).containsEntry("title", "Account disabled");

        // a temporary password set by an administrator must be changed again
        assertThat(patch("/api/admin/accounts/" + username, Map.of("enabled", true)).getStatusCode().value()).isEqualTo(200);
        assertThat(post(admin(), "/api/admin/accounts/" + username + "/password", Map.of("password", "Reset-Pass-2026")).getBody())
                .containsEntry("mustChangePassword", true);
        assertThat(inbox(username, "Reset-Pass-2026").problem()).containsEntry("title", "Password must be changed");

        // the demo's only administrator cannot take away its own role or disable itself
        @SuppressWarnings("rawtypes")
        ResponseEntity<Map> last = patch("/api/admin/accounts/admin", Map.of("enabled", false));
        assertThat(last.getStatusCode().value()).isEqualTo(409);
        assertThat(last.getBody().get("detail").toString()).contains("last enabled administrator");
        assertThat(patch("/api/admin/accounts/admin", Map.of("roles", List.of("OPERATOR"))).getStatusCode().value()).isEqualTo(409);
        assertThat(inbox("admin", "hub-demo").code()).as("still an administrator").isNotEqualTo(401);

        await().atMost(Duration.ofSeconds(10)).until(() -> audited("ACCOUNT_CHANGED", username) == 3 && audited("PASSWORD_RESET", username) == 1);
        // auditors ask "who changed this account?"
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> about = (List<Map<String, Object>>) rest.withBasicAuth("auditor", "hub-demo")
                    .getForObject("/api/audit/entries?about=" + username, Map.class).get("entries");
            assertThat(about).extracting(e -> e.get("actor") + " " + e.get("action"))
                    .contains("admin ACCOUNT_CREATED", "admin ACCOUNT_CHANGED", "admin PASSWORD_RESET", username + " PASSWORD_CHANGED");
        });
        assertThat(hub.queryForObject("""
                select detail from audit_log where action = 'ACCOUNT_CHANGED' and detail::jsonb->>'account' = ? and detail like '%roles%'
                union all select detail from audit_pending where action = 'ACCOUNT_CHANGED' and detail::jsonb->>'account' = ? and detail like '%roles%'""",
                String.class, username, username)).contains("AGENT").contains("SUPERVISOR");
    }

    @Test
    void aRosterSentOverTheApiAndADisabledAgentLeavingItsPostToTheBackup() {
        String unit = "ROSTER" + TestData.next();
        String[] people = unitOfThree(unit, "市轮岗测试局");
        String a = people[0];
        String b = people[1];
        // the roster goes in through the API once the accounts exist (a production hub's first start has none)
        String roster = "units:\n  - unit: " + unit + "\n    supervisor: " + people[2] + "\n    pairs:\n      - {a: " + a + ", b: " + b + "}\n";
        org.springframework.http.HttpHeaders yaml = new org.springframework.http.HttpHeaders();
        yaml.setContentType(org.springframework.http.MediaType.parseMediaType("application/yaml"));
        @SuppressWarnings("rawtypes")
        ResponseEntity<Map> wrong = admin().exchange("/api/verification/roster", HttpMethod.PUT,
                new HttpEntity<>(roster.replace(b, "no.such.account"), yaml), Map.class);
        assertThat(wrong.getStatusCode().value()).isEqualTo(400);
        assertThat(wrong.getBody().get("detail").toString()).contains("no.such.account");
        assertThat(admin().exchange("/api/verification/roster?check=true", HttpMethod.PUT, new HttpEntity<>(roster, yaml), Map.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(rosters.report().units()).as("checked, not applied").noneMatch(u -> u.unit().equals(unit));
        assertThat(admin().exchange("/api/verification/roster?name=roster-test.yaml", HttpMethod.PUT, new HttpEntity<>(roster, yaml), Map.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(onDuty(unit)).containsExactlyInAnyOrder(a, b);
        // recorded: who applied which roster file to which units (the check-only call changed nothing and is not)
        String applied = await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForList("""
                select actor || '|' || unit_code || '|' || detail from audit_pending where action = 'ROSTER_APPLIED' and detail like ?
                union all select actor || '|' || unit_code || '|' || detail from audit_log where action = 'ROSTER_APPLIED' and detail like ?""",
                String.class, "%\"" + unit + "\"%", "%\"" + unit + "\"%"), l -> !l.isEmpty()).stream().reduce((x, y) -> x + "\n" + y).orElseThrow();
        assertThat(applied).isEqualTo("admin|SJJ|{\"roster\":\"roster-test.yaml\",\"units\":[\"" + unit + "\"]}");

        assertThat(patch("/api/admin/accounts/" + a, Map.of("enabled", false)).getStatusCode().value()).isEqualTo(200);
        assertThat(onDuty(unit)).as("the backup alone is on duty").containsExactly(b);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryForObject("""
                select (select count(*) from audit_pending where action = 'ROSTER_AVAILABILITY' and detail::jsonb->>'account' = ? and actor = 'admin')
                     + (select count(*) from audit_log where action = 'ROSTER_AVAILABILITY' and detail::jsonb->>'account' = ? and actor = 'admin')""",
                Long.class, a, a) == 1);
    }

    /**
     * A post is held only while its account is enabled, in the post's unit and has the post's role: an agent moved to another unit
     * leaves the roster's duty (its open requests handed on), a supervisor without the role leaves the unit without one —
     * reported in the roster, its health and the console — and the roster holds again once the account is put back.
     */
    @Test
    void anAccountMovedOrWithoutItsRoleNoLongerHoldsItsPost() {
        String unit = "VACANT" + TestData.next();
        try {
            postsGoVacantAndComeBack(unit);
        } finally {
            // no unit of this test left for the roster checks of other tests (nobody on duty, health)
            hub.update("delete from verification_post where unit_code = ?", unit);
        }
    }

    private void postsGoVacantAndComeBack(String unit) {
        String[] people = unitOfThree(unit, "市岗位空缺测试局");
        String a = people[0];
        String b = people[1];
        String supervisor = people[2];
        org.springframework.http.HttpHeaders yaml = new org.springframework.http.HttpHeaders();
        yaml.setContentType(org.springframework.http.MediaType.parseMediaType("application/yaml"));
        String roster = "units:\n  - unit: " + unit + "\n    supervisor: " + supervisor + "\n    pairs:\n      - {a: " + a + ", b: " + b + "}\n";
        assertThat(admin().exchange("/api/verification/roster", HttpMethod.PUT, new HttpEntity<>(roster, yaml), Map.class)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(onDuty(unit)).containsExactlyInAnyOrder(a, b);

        assertThat(patch("/api/admin/accounts/" + a, Map.of("unitCode", "MZJ")).getStatusCode().value()).isEqualTo(200);
        assertThat(onDuty(unit)).as("moved to another unit: off duty here").containsExactly(b);
        assertThat(postOf(unit, a)).satisfies(p -> {
            assertThat(p.vacancy()).isEqualTo("MOVED");
            assertThat(p.available()).as("left its post as if marked away, its open requests handed on").isFalse();
        });
        assertThat(patch("/api/admin/accounts/" + b, Map.of("roles", List.of("AUDITOR"))).getStatusCode().value()).isEqualTo(200);
        assertThat(postOf(unit, b).vacancy()).isEqualTo("LOST_ROLE");
        assertThat(rosters.report().unitsWithoutDuty()).contains(unit);
        assertThat(patch("/api/admin/accounts/" + supervisor, Map.of("roles", List.of("AGENT"))).getStatusCode().value()).isEqualTo(200);
        assertThat(rosters.report().unitsWithoutSupervisor()).contains(unit);
        assertThat(meters.get("hub.verification.roster_units").tag("state", "no_supervisor").gauge().value()).as("for the alert rule")
                .isGreaterThanOrEqualTo(1);
        assertThat(rosters.report().units()).filteredOn(u -> u.unit().equals(unit)).singleElement()
                .satisfies(u -> assertThat(u.supervisor()).as("nobody supervises").isNull());
        @SuppressWarnings("rawtypes")
        ResponseEntity<Map> health = rest.withBasicAuth("ops", "hub-demo").getForEntity("/actuator/health", Map.class);
        assertThat(((Map<?, ?>) health.getBody().get("components")).get("verificationRoster").toString())
                .contains("status=WARNING").contains("unitsWithoutSupervisor=[" + unit);
        // the supervisor's roster page names the vacancies
        String page = consolePage("admin", "/console/roster");
        assertThat(page).contains("roster-no-supervisor").contains("空缺（账户已调往其他单位）").contains("空缺（账户已无此岗位角色）");

        assertThat(patch("/api/admin/accounts/" + supervisor, Map.of("roles", List.of("SUPERVISOR"))).getStatusCode().value()).isEqualTo(200);
        assertThat(patch("/api/admin/accounts/" + a, Map.of("unitCode", unit)).getStatusCode().value()).isEqualTo(200);
        assertThat(rosters.report().unitsWithoutSupervisor()).doesNotContain(unit);
        assertThat(postOf(unit, a).vacancy()).as("back in its unit: the post is held again").isNull();
        assertThat(onDuty(unit)).as("but the agent marks themself back on duty").isEmpty();
    }

    /** A console page as a browser gets it after the login form (session cookie and CSRF token), without a browser. */
    private String consolePage(String username, String path) {
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                    .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
            String root = rest.getRootUri();
            String login = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + "/login")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
            assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
            String form = "username=" + username + "&password=" + "hub-demo" + "&_csrf="
                    + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8);
            client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            java.net.http.HttpResponse<String> page = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            return page.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new unit with two new agents and a new supervisor: their user names, in that order. */
    private String[] unitOfThree(String unit, String name) {
        assertThat(admin().exchange("/api/admin/units/" + unit, HttpMethod.PUT,
                new HttpEntity<>(Map.of("name", name, "nameEn", "Test Bureau " + unit, "kind", "DEPARTMENT")), Map.class)
                .getStatusCode().value()).isEqualTo(200);
        return new String[]{newAccount(unit, List.of("AGENT")), newAccount(unit, List.of("AGENT")), newAccount(unit, List.of("SUPERVISOR"))};
    }

    private org.proofhub.hub.verification.Rosters.Post postOf(String unit, String username) {
        return rosters.report().units().stream().filter(u -> u.unit().equals(unit)).findFirst().orElseThrow()
                .posts().stream().filter(p -> p.username().equals(username)).findFirst().orElseThrow();
    }

    /** A production hub starts without accounts: the configured first administrator is made when no enabled one exists. */
    @Test
    void theInitialAdministratorIsCreatedOnlyWhenTheHubHasNone(@Autowired JdbcTemplate jdbc, @Autowired org.springframework.transaction.PlatformTransactionManager txm,
                                                               @Autowired org.springframework.security.crypto.password.PasswordEncoder encoder,
                                                               @Autowired AccountRows rows, @Autowired Accounts accounts,
                                                               @Autowired org.proofhub.hub.audit.AuditLog audit, @Autowired java.time.Clock clock,
                                                               @Autowired org.springframework.context.ApplicationEventPublisher events) {
        String username = "first.admin" + TestData.next();
        String unit = "FIRST" + TestData.next();
        AccountProperties configured = new AccountProperties(5, Duration.ofMinutes(15), 10, Duration.ZERO,
                new AccountProperties.InitialAdmin(username, "First-Admin-2026", "首任管理员", unit, "市大数据运维中心"), java.util.Set.of(Role.ADMIN));
        AccountAdministration starting = new AccountAdministration(jdbc, new org.springframework.transaction.support.TransactionTemplate(txm), encoder,
                rows, accounts, audit, configured, clock, events, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

        starting.createInitialAdminIfNone();
        assertThat(jdbc.queryForObject("select count(*) from account where username = ?", Integer.class, username))
                .as("the demo's administrator exists: nothing is made").isZero();

        jdbc.update("update account set enabled = false where username = 'admin'");
        try {
            starting.createInitialAdminIfNone();
        } finally {
            jdbc.update("update account set enabled = true where username = 'admin'");
        }
        assertThat(starting.account(username)).satisfies(a -> {
            assertThat(a.roles()).containsExactly(Role.ADMIN);
            assertThat(a.unitCode()).isEqualTo(unit);
            assertThat(a.mustChangePassword()).as("changed at the first login").isTrue();
        });
        assertThat(jdbc.queryForObject("select name from unit where code = ?", String.class, unit)).isEqualTo("市大数据运维中心");
        assertThat(inbox(username, "First-Admin-2026").problem()).containsEntry("title", "Password must be changed");
        jdbc.update("update account set enabled = false where username = ?", username);
    }

    /** With hub.accounts.password-max-age set, a password older than that lets its holder in only after a change. */
    @Test
    void aPasswordOlderThanTheMaximumAgeMustBeChanged(@Autowired java.time.Clock clock) {
        String username = newAccount("MZJ", List.of("AGENT"));
        changePassword(username, TEMPORARY, CHOSEN);
        AccountRows ninetyDays = new AccountRows(hub, clock, Duration.ofDays(90));
        assertThat(ninetyDays.loadUserByUsername(username).isCredentialsNonExpired()).as("changed just now").isTrue();

        hub.update("update account set password_changed_at = now() - interval '91 days' where username = ?", username);
        ninetyDays.forget(username);
        assertThat(ninetyDays.loadUserByUsername(username).isCredentialsNonExpired()).as("91 days old").isFalse();
        assertThat(new AccountRows(hub, clock, Duration.ZERO).loadUserByUsername(username).isCredentialsNonExpired())
                .as("no maximum age: never expires").isTrue();

        changePassword(username, CHOSEN, "Renewed-Pass-2026");
        ninetyDays.forget(username);
        assertThat(ninetyDays.loadUserByUsername(username).isCredentialsNonExpired()).as("changed again").isTrue();
    }

    private List<String> onDuty(String unit) {
        return rosters.report().units().stream().filter(u -> u.unit().equals(unit)).findFirst().orElseThrow().onDuty();
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
