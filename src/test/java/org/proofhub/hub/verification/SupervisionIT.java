package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The supervisor's desk (督办, SPEC §4.4, 001 art. 10) over the API, on the test clock: the unit's supervisor reads the
 * alerts that still need them, takes one up with a note, and gives an overdue request to an agent on duty; agents,
 * other units' supervisors and answered requests are refused with a reason; every step is on the timeline or in the
 * audit trail.
 */
class SupervisionIT extends VerificationIT {
    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void theDeskIsDescribedForIntegrators() {
        assertThat(rest.getForObject("/v3/api-docs", String.class))
                .contains("/api/verification/alerts/{id}/acknowledge", "/api/verification/requests/{id}/assign");
    }

    @Test
    void aSupervisorTakesAnEscalationUpAndGivesTheRequestToAnAgentOnDuty() {
        Submitted s = submit("window.agent", personRequest("FGW"));
        assertThat(s.assignedAgent()).isEqualTo("fgw.agent");
        open("fgw.agent", s.requestId());
        assertThat(openAlertOf("fgw.supervisor", s.requestId())).as("nothing before the deadline").isNull();
        advance(Duration.ofMinutes(30));

        Map<String, Object> alert = openAlertOf("fgw.supervisor", s.requestId());
        assertThat(alert).containsEntry("kind", "ESCALATION").containsEntry("requestStatus", "OPENED")
                .containsEntry("assignedAgent", "fgw.agent").containsEntry("open", true).doesNotContainKey("acknowledgedAt");
        long id = ((Number) alert.get("id")).longValue();
        assertThat(alertsOf("ops", true)).anySatisfy(a -> assertThat(a).containsEntry("id", alert.get("id")));
        assertThat(alertsOf("gaj.supervisor", false)).noneSatisfy(a -> assertThat(a).containsEntry("id", alert.get("id")));

        // operators see it as an escalation nobody has taken up (and alert on it: deploy/prometheus/alert-rules.yml)
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> untaken("FGW") >= 1);
        // only the unit's supervisor takes it up: an agent is refused, another unit's supervisor finds nothing (and is audited)
        assertThat(acknowledge("fgw.agent", id, "我来").getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> elsewhere = acknowledge("gaj.supervisor", id, null);
        assertThat(elsewhere.getStatusCode().value()).isEqualTo(404);
        assertThat(elsewhere.getBody().get("detail").toString()).contains("no alert " + id + " for your unit");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> count("""
                select count(*) from (select actor, action, detail from audit_log union all select actor, action, detail from audit_pending) a
                where actor = 'gaj.supervisor' and action = 'ACCESS_DENIED' and detail like ?""", "%supervisor alert " + id + "%") == 1);

        java.time.Instant before = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ResponseEntity<Map> taken = acknowledge("fgw.supervisor", id, "已电话催办代办员");
        assertThat(taken.getStatusCode().value()).isEqualTo(200);
        assertThat(taken.getBody()).containsEntry("acknowledgedBy", "fgw.supervisor").containsEntry("acknowledgedNote", "已电话催办代办员")
                .containsEntry("open", false);
        assertThat(java.time.Instant.parse((String) taken.getBody().get("acknowledgedAt"))).isBetween(before, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        ResponseEntity<Map> again = acknowledge("fgw.supervisor", id, "再次");
        assertThat(again.getBody()).as("taking it up again changes nothing")
                .containsEntry("acknowledgedAt", taken.getBody().get("acknowledgedAt")).containsEntry("acknowledgedNote", "已电话催办代办员");
        assertThat(detail("fgw.supervisor", s.requestId()).timeline()).filteredOn(e -> e.type().equals("ALERT_ACKNOWLEDGED")).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("fgw.supervisor");
                    assertThat(e.detail()).containsEntry("kind", "ESCALATION").containsEntry("note", "已电话催办代办员");
                });
        assertThat(openAlertOf("fgw.supervisor", s.requestId())).as("no longer open").isNull();
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> untaken("FGW") == 0);

        // giving the request on: not to someone away, not to another unit's agent, not by an agent or the asking unit
        assertThat(setAvailable("fgw.supervisor", "fgw.agent.b", false).getStatusCode().value()).isEqualTo(200);
        try {
            ResponseEntity<Map> away = assign("fgw.supervisor", s.requestId(), "fgw.agent.b", null);
            assertThat(away.getStatusCode().value()).isEqualTo(422);
            assertThat(away.getBody().get("type").toString()).endsWith("verification-assignee-away");
            assertThat(away.getBody().get("detail").toString()).contains("fgw.agent.b is away", "fgw.agent");
        } finally {
            setAvailable("fgw.supervisor", "fgw.agent.b", true);
        }
        ResponseEntity<Map> stranger = assign("fgw.supervisor", s.requestId(), "gaj.agent", null);
        assertThat(stranger.getStatusCode().value()).isEqualTo(422);
        assertThat(stranger.getBody().get("type").toString()).endsWith("verification-assignee-invalid");
        assertThat(stranger.getBody().get("detail").toString()).contains("gaj.agent holds no agent post in FGW", "agents on duty: fgw.agent");
        assertThat(assign("fgw.agent", s.requestId(), "fgw.agent.b", null).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<Map> asker = assign("window.supervisor", s.requestId(), "window.agent", null);
        assertThat(asker.getStatusCode().value()).isEqualTo(403);
        assertThat(asker.getBody().get("type").toString()).endsWith("verification-not-issuing-unit");
        assertThat(assign("gaj.supervisor", s.requestId(), "gaj.agent", null).getStatusCode().value()).isEqualTo(404);

        ResponseEntity<Map> given = assign("fgw.supervisor", s.requestId(), "fgw.agent.b", "A岗病假，请B岗今日内答复");
        assertThat(given.getStatusCode().value()).isEqualTo(200);
        assertThat(given.getBody()).containsEntry("assignedAgent", "fgw.agent.b");
        RequestDetail d = detail("fgw.agent.b", s.requestId());
        assertThat(d.assignedAgent()).isEqualTo("fgw.agent.b");
        assertThat(d.assignedPost()).isEqualTo("B");
        assertThat(d.timeline()).filteredOn(e -> e.type().equals("REASSIGNED")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("fgw.supervisor");
            assertThat(e.detail()).containsEntry("from", "fgw.agent").containsEntry("to", "fgw.agent.b").containsEntry("reason", "SUPERVISOR")
                    .containsEntry("note", "A岗病假，请B岗今日内答复");
        });
        assertThat(d.escalationDueAt()).as("the supervisor's window does not move").isEqualTo(s.deadline().plus(Duration.ofMinutes(30)));

        answer("fgw.agent.b", s.requestId(), Answer.rejected("测试结束"));
        ResponseEntity<Map> closed = assign("fgw.supervisor", s.requestId(), "fgw.agent", null);
        assertThat(closed.getStatusCode().value()).isEqualTo(409);
        assertThat(closed.getBody().get("detail").toString()).contains("answered REJECTED already");
        assertThat(alertsOf("fgw.supervisor", false)).filteredOn(a -> s.requestId().equals(a.get("requestId"))).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("requestStatus", "REJECTED").containsEntry("open", false));
    }

    @Test
    void givingARequestTakesItsAlertsUpAndTheBackupTimerNoLongerMovesIt() {
        Submitted s = submit("window.agent", personRequest("FGW"));
        assertThat(assign("fgw.supervisor", s.requestId(), "fgw.agent.b", null).getStatusCode().value()).isEqualTo(200);
        advance(Duration.ofMinutes(10));
        assertThat(detail("fgw.agent.b", s.requestId()).assignedAgent()).as("the AB timer leaves the supervisor's choice alone")
                .isEqualTo("fgw.agent.b");
        assertThat(events(s.requestId())).containsOnlyOnce("REASSIGNED");

        advance(Duration.ofMinutes(20));
        long id = ((Number) openAlertOf("fgw.supervisor", s.requestId()).get("id")).longValue();
        assertThat(assign("fgw.supervisor", s.requestId(), "fgw.agent", "退回A岗").getBody()).containsEntry("assignedAgent", "fgw.agent");
        assertThat(alertsOf("fgw.supervisor", false)).filteredOn(a -> ((Number) a.get("id")).longValue() == id).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("acknowledgedBy", "fgw.supervisor").containsEntry("acknowledgedNote", "→ fgw.agent: 退回A岗")
                        .containsEntry("open", false));
        assertThat(detail("fgw.agent", s.requestId()).timeline()).filteredOn(e -> e.type().equals("REASSIGNED")).last()
                .satisfies(e -> assertThat(e.detail()).containsEntry("to", "fgw.agent").containsEntry("acknowledgedAlerts", List.of((int) id)));
        // giving it to whoever has it already changes nothing
        assign("fgw.supervisor", s.requestId(), "fgw.agent", null);
        assertThat(events(s.requestId()).stream().filter("REASSIGNED"::equals)).hasSize(2);
        answer("fgw.agent", s.requestId(), Answer.rejected("测试结束"));
    }

    @Test
    void whenNobodyWasOnDutyTheSupervisorGivesTheRequestToTheAgentWhoIsBack() {
        Submitted s;
        setAvailable("fgw.supervisor", "fgw.agent", false);
        setAvailable("fgw.supervisor", "fgw.agent.b", false);
        try {
            s = submit("window.agent", personRequest("FGW"));
            assertThat(s.assignedAgent()).isEqualTo("fgw.supervisor");
            ResponseEntity<Map> nobody = assign("fgw.supervisor", s.requestId(), "fgw.agent", null);
            assertThat(nobody.getStatusCode().value()).isEqualTo(422);
            assertThat(nobody.getBody().get("detail").toString()).contains("nobody is (answer it yourself)");
            // the unit's own alert (no request): taken up, in the audit trail
            Map<String, Object> unitAlert = alertsOf("fgw.supervisor", true).stream()
                    .filter(a -> a.get("requestId") == null && "NO_ONE_ON_DUTY".equals(a.get("kind"))).findFirst().orElseThrow();
            long unitAlertId = ((Number) unitAlert.get("id")).longValue();
            assertThat(acknowledge("fgw.supervisor", unitAlertId, "已安排 GMSFHM 350102199003074411 的经办人返岗").getBody())
                    .containsEntry("open", false);
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> count("""
                    select count(*) from (select actor, action, detail from audit_log union all select actor, action, detail from audit_pending) a
                    where actor = 'fgw.supervisor' and action = 'SUPERVISOR_ALERT_ACKNOWLEDGED' and detail like ?""",
                    "%\"alert\":" + unitAlertId + "%") == 1);
            assertThat(count("""
                    select count(*) from (select detail from audit_log union all select detail from audit_pending) a
                    where detail like '%350102199003074411%'""")).as("the note's identifier is masked in the audit trail").isZero();
        } finally {
            setAvailable("fgw.supervisor", "fgw.agent", true);
        }
        setAvailable("fgw.supervisor", "fgw.agent.b", true);
        assertThat(openAlertOf("fgw.supervisor", s.requestId())).containsEntry("kind", "NO_ONE_ON_DUTY").containsEntry("assignedAgent", "fgw.supervisor");
        assertThat(assign("fgw.supervisor", s.requestId(), "fgw.agent", "已返岗").getBody()).containsEntry("assignedAgent", "fgw.agent");
        assertThat(openAlertOf("fgw.supervisor", s.requestId())).isNull();
        answer("fgw.agent", s.requestId(), Answer.rejected("测试结束"));
    }

    /** An alert nobody took up stops needing the supervisor when its request is answered: it is closed, and the desk no longer reads it. */
    @Test
    void anAnsweredRequestClosesItsAlertsTakenUpOrNot() {
        Submitted s = submit("window.agent", personRequest("FGW"));
        advance(Duration.ofMinutes(30));
        Map<String, Object> alert = openAlertOf("fgw.supervisor", s.requestId());
        assertThat(alert).containsEntry("kind", "ESCALATION");
        answer("fgw.agent", s.requestId(), Answer.rejected("测试结束"));
        assertThat(openAlertOf("fgw.supervisor", s.requestId())).isNull();
        assertThat(alertsOf("fgw.supervisor", false)).anySatisfy(a -> assertThat(a).containsEntry("id", alert.get("id"))
                .containsEntry("open", false).doesNotContainKey("acknowledgedAt"));
        assertThat(count("select count(*) from verification_alert where id = ? and closed_at is not null and acknowledged_at is null",
                ((Number) alert.get("id")).longValue())).as("closed, not taken up").isEqualTo(1);
    }

    private double untaken(String unit) {
        return meters.get("hub.verification.escalations_untaken").tags("unit", unit).gauge().value();
    }

    private List<Map<String, Object>> alertsOf(String user, boolean openOnly) {
        return rest.withBasicAuth(user, PASSWORD).getForObject("/api/verification/alerts?limit=1000&open=" + openOnly, List.class);
    }

    private Map<String, Object> openAlertOf(String user, String requestId) {
        return alertsOf(user, true).stream().filter(a -> requestId.equals(a.get("requestId"))).findFirst().orElse(null);
    }

    private ResponseEntity<Map> acknowledge(String user, long id, String note) {
        return rest.withBasicAuth(user, PASSWORD).postForEntity("/api/verification/alerts/" + id + "/acknowledge",
                note == null ? Map.of() : Map.of("note", note), Map.class);
    }

    private ResponseEntity<Map> assign(String user, String requestId, String agent, String note) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("agent", agent);
        body.put("note", note);
        return rest.withBasicAuth(user, PASSWORD).postForEntity("/api/verification/requests/" + requestId + "/assign", body, Map.class);
    }
}
