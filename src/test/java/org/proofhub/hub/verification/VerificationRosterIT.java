package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * On-duty rosters with AB posts (SPEC §4.6): the A agent gets new requests; when A is away, or has not
 * opened a request in time, B takes it; a unit with nobody on duty is reported and its requests go to the
 * supervisor, so someone always has them.
 */
class VerificationRosterIT extends VerificationIT {

    @Test
    void theApiIsDescribedForIntegrators() {
        String openApi = rest.getForObject("/v3/api-docs", String.class);
        assertThat(openApi).contains("/api/verification/requests", "/api/verification/requests/{id}/answer", "/api/verification/inbox",
                "/api/verification/outbox", "/api/verification/requests/{id}/readdress", "/api/verification/breaches",
                "/api/verification/roster/{username}/availability", "/api/verification/roster", "部门核验");
    }

    @Test
    void theBackupTakesTheRequestsOfAnAgentWhoIsAway() {
        Submitted first = submit("window.agent", personRequest("SCJGJ"));
        assertThat(first.assignedAgent()).isEqualTo("scjgj.agent");
        try {
            assertThat(setAvailable("gaj.agent", "scjgj.agent", false).getStatusCode().value()).isEqualTo(403);
            assertThat(setAvailable("scjgj.supervisor", "scjgj.agent", false).getStatusCode().value()).isEqualTo(200);
            RequestDetail handedOn = detail("scjgj.agent.b", first.requestId());
            assertThat(handedOn.assignedAgent()).isEqualTo("scjgj.agent.b");
            assertThat(handedOn.assignedPost()).isEqualTo("B");
            assertThat(handedOn.timeline()).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo("REASSIGNED");
                assertThat(e.actor()).isEqualTo("scjgj.supervisor");
                assertThat(e.detail()).containsEntry("from", "scjgj.agent").containsEntry("to", "scjgj.agent.b").containsEntry("reason", "AWAY");
            });
            assertThat(submit("window.agent", personRequest("SCJGJ")).assignedAgent()).isEqualTo("scjgj.agent.b");
        } finally {
            assertThat(setAvailable("scjgj.agent", "scjgj.agent", true).getStatusCode().value()).isEqualTo(200);
        }
        assertThat(submit("window.agent", personRequest("SCJGJ")).assignedAgent()).isEqualTo("scjgj.agent");
    }

    @Test
    void aRequestNotOpenedInTimeGoesToTheBackup() {
        Submitted unopened = submit("window.agent", personRequest("GAJ"));
        Submitted opened = submit("window.agent", personRequest("GAJ"));
        open("gaj.agent", opened.requestId());
        advance(Duration.ofMinutes(9));
        assertThat(detail("gaj.agent", unopened.requestId()).assignedAgent()).isEqualTo("gaj.agent");
        advance(Duration.ofMinutes(1));
        RequestDetail d = detail("gaj.agent.b", unopened.requestId());
        assertThat(d.assignedAgent()).isEqualTo("gaj.agent.b");
        assertThat(d.timeline()).filteredOn(e -> e.type().equals("REASSIGNED")).singleElement()
                .satisfies(e -> assertThat(e.detail()).containsEntry("reason", "NOT_OPENED").containsEntry("to", "gaj.agent.b"))
                .satisfies(e -> assertThat(e.channel()).isEqualTo("TIMER"));
        assertThat(detail("gaj.agent", opened.requestId()).assignedAgent()).isEqualTo("gaj.agent");
        answer("gaj.agent.b", unopened.requestId(), Answer.rejected("测试结束"));
        answer("gaj.agent", opened.requestId(), Answer.rejected("测试结束"));
    }

    @Test
    void aUnitWithNobodyOnDutyIsReportedAndItsRequestsGoToTheSupervisor() throws Exception {
        try (Department supervisor = Department.supervisor(connectionFactory, "ZJJ")) {
            setAvailable("zjj.supervisor", "zjj.agent", false);
            setAvailable("zjj.supervisor", "zjj.agent.b", false);
            Map<String, Object> roster = rest.withBasicAuth("ops", PASSWORD).getForObject("/api/verification/roster", Map.class);
            assertThat((List<String>) roster.get("unitsWithoutDuty")).containsExactly("ZJJ");
            ResponseEntity<Map> health = rest.withBasicAuth("ops", PASSWORD).getForEntity("/actuator/health", Map.class);
            assertThat(health.getStatusCode().value()).isEqualTo(200);
            Map<String, Object> component = (Map<String, Object>) ((Map<String, Object>) health.getBody().get("components")).get("verificationRoster");
            assertThat(component).containsEntry("status", "WARNING");
            assertThat((Map<String, Object>) component.get("details")).containsEntry("unitsWithoutDuty", List.of("ZJJ"));
            assertThat(supervisor.awaitNotice(n -> n.getType() == NoticeType.NO_ONE_ON_DUTY, WAIT).getIssuingUnit()).isEqualTo("ZJJ");

            Submitted s = submit("window.agent", personRequest("ZJJ"));
            assertThat(s.assignedAgent()).isEqualTo("zjj.supervisor");
            assertThat(count("select count(*) from verification_alert where request_id = ? and kind = 'NO_ONE_ON_DUTY'", s.requestId())).isEqualTo(1);
            assertThat(supervisor.awaitNotice(n -> s.requestId().equals(n.getRequestId()), WAIT).getType()).isEqualTo(NoticeType.NO_ONE_ON_DUTY);
            answer("zjj.supervisor", s.requestId(), Answer.rejected("测试结束"));
        } finally {
            setAvailable("zjj.supervisor", "zjj.agent", true);
            setAvailable("zjj.supervisor", "zjj.agent.b", true);
        }
        Map<String, Object> roster = rest.withBasicAuth("ops", PASSWORD).getForObject("/api/verification/roster", Map.class);
        assertThat((List<String>) roster.get("unitsWithoutDuty")).isEmpty();
        assertThat((List<Map>) roster.get("units")).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(u -> assertThat((List<?>) u.get("onDuty")).isNotEmpty());
    }
}
