package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.HubUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * The time limits of SPEC §4.3–4.4 on the test clock, without waiting: 30 minutes for an instant item,
 * 24 hours or the shorter promised limit for a commitment item, 30 minutes for a data-backed proof; the
 * supervisor alerted at the deadline, a breach 30 minutes later; delays move the deadline; an answer
 * stops every timer; verification time is recorded on its own.
 */
class VerificationDeadlinesIT extends VerificationIT {
    @Autowired
    Verifications verifications;
    @Autowired
    Accounts accounts;

    @Test
    void anInstantItemEscalatesToTheSupervisorAtThirtyMinutesAndBreachesThirtyMinutesLater() throws Exception {
        try (Department supervisor = Department.supervisor(connectionFactory, "MZJ")) {
            Submitted s = submit("window.agent", personRequest("MZJ"));
            assertThat(Duration.between(s.receivedAt(), s.deadline())).isEqualTo(Duration.ofMinutes(30));

            advance(Duration.ofMinutes(29));
            assertThat(events(s.requestId())).doesNotContain("ESCALATED");
            advance(Duration.ofMinutes(1));
            assertThat(events(s.requestId())).containsOnlyOnce("ESCALATED").doesNotContain("BREACHED");
            RequestDetail escalated = detail("mzj.supervisor", s.requestId());
            assertThat(escalated.escalationDueAt()).isEqualTo(s.deadline().plus(Duration.ofMinutes(30)));
            Map<String, Object> alert = hub.queryForMap("select supervisor, kind, respond_by from verification_alert where request_id = ? and kind = 'ESCALATION'",
                    s.requestId());
            assertThat(alert).containsEntry("supervisor", "mzj.supervisor");
            assertThat(((Timestamp) alert.get("respond_by")).toInstant()).isEqualTo(escalated.escalationDueAt());
            VerificationNoticeMessage escalation = supervisor.awaitNotice(n -> s.requestId().equals(n.getRequestId()), WAIT);
            assertThat(escalation.getType()).isEqualTo(NoticeType.ESCALATED);
            assertThat(escalation.getSupervisor()).isEqualTo("mzj.supervisor");
            assertThat(escalation.getRespondBy()).isEqualTo(escalated.escalationDueAt());
            List<Map> alerts = rest.withBasicAuth("mzj.supervisor", PASSWORD).getForObject("/api/verification/alerts", List.class);
            assertThat(alerts).anySatisfy(a -> assertThat(a).containsEntry("requestId", s.requestId()).containsEntry("kind", "ESCALATION"));
            List<Map> inbox = rest.withBasicAuth("mzj.supervisor", PASSWORD).getForObject("/api/verification/inbox?awaitingAnswer=true", List.class);
            assertThat(inbox).anySatisfy(l -> assertThat(l).containsEntry("id", s.requestId()).containsEntry("overdue", true));

            advance(Duration.ofMinutes(29));
            assertThat(events(s.requestId())).doesNotContain("BREACHED");
            advance(Duration.ofMinutes(1));
            fireDue();
            assertThat(events(s.requestId())).containsOnlyOnce("ESCALATED", "BREACHED");
            Map<String, Object> breach = hub.queryForMap("select * from verification_breach where request_id = ?", s.requestId());
            assertThat(breach).containsEntry("issuing_unit", "MZJ").containsEntry("supervisor", "mzj.supervisor")
                    .containsEntry("assigned_agent", "mzj.agent.b");
            assertThat(((Timestamp) breach.get("deadline_at")).toInstant()).isEqualTo(s.deadline());
            assertThat(((Timestamp) breach.get("received_at")).toInstant()).isEqualTo(s.receivedAt());
            assertThat(((Timestamp) breach.get("breached_at")).toInstant()).isAfterOrEqualTo(escalated.escalationDueAt());
            assertThat(supervisor.awaitNotice(n -> s.requestId().equals(n.getRequestId()), WAIT).getType()).isEqualTo(NoticeType.BREACHED);

            List<Map> mine = rest.withBasicAuth("mzj.supervisor", PASSWORD).getForObject("/api/verification/breaches", List.class);
            assertThat(mine).anySatisfy(b -> assertThat(b).containsEntry("requestId", s.requestId()).containsEntry("assignedAgent", "mzj.agent.b"));
            assertThat(rest.withBasicAuth("ops", PASSWORD).getForObject("/api/verification/breaches?unit=MZJ", List.class))
                    .anySatisfy(b -> assertThat((Map<String, Object>) b).containsEntry("requestId", s.requestId()));
            assertThat(rest.withBasicAuth("gaj.supervisor", PASSWORD).getForObject("/api/verification/breaches", List.class))
                    .noneSatisfy(b -> assertThat((Map<String, Object>) b).containsEntry("requestId", s.requestId()));
            List<Map> sla = rest.withBasicAuth("ops", PASSWORD).getForObject("/api/verification/sla", List.class);
            assertThat(sla).anySatisfy(u -> {
                assertThat(u).containsEntry("unit", "MZJ");
                assertThat(((Number) u.get("breachedOpen")).longValue()).isPositive();
            });

            // late, but answered: the breach stays on record with the time of the answer
            answer("mzj.supervisor", s.requestId(), Answer.confirmed(Map.of("name", "测试人")));
            assertThat(rest.withBasicAuth("mzj.supervisor", PASSWORD).getForObject("/api/verification/breaches", List.class))
                    .anySatisfy(b -> assertThat((Map<String, Object>) b).containsEntry("requestId", s.requestId()).containsKey("answeredAt"));
            advance(Duration.ofHours(2));
            assertThat(events(s.requestId())).containsOnlyOnce("ESCALATED", "BREACHED");
            assertThat(count("select count(*) from verification_deadline where request_id = ? and state = 'FIRED'", s.requestId())).isEqualTo(4);
        }
    }

    @Test
    void aCommitmentItemIsDueWithinTwentyFourHours() {
        Submitted s = submit("window.agent", commitmentRequest("RSJ", Duration.ofDays(5)));
        assertThat(Duration.between(s.receivedAt(), s.deadline())).isEqualTo(Duration.ofHours(24));
        advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(events(s.requestId())).doesNotContain("ESCALATED");
        advance(Duration.ofMinutes(1));
        assertThat(events(s.requestId())).contains("ESCALATED");
        answer("rsj.agent", s.requestId(), Answer.rejected("测试结束"));
    }

    @Test
    void aCommitmentItemWhosePromisedLimitIsShorterThanADayIsDueWithinIt() {
        Submitted s = submit("window.agent", commitmentRequest("RSJ", Duration.ofHours(4)));
        assertThat(Duration.between(s.receivedAt(), s.deadline())).isEqualTo(Duration.ofHours(4));
        RequestDetail d = detail("rsj.agent", s.requestId());
        assertThat(d.latestDeadline()).isEqualTo(s.deadline());
        ResponseEntity<Map> tooLate = answer("rsj.agent", s.requestId(), Answer.delayed("需外调", s.receivedAt().plus(Duration.ofHours(5))));
        assertThat(tooLate.getStatusCode().value()).isEqualTo(409);
        assertThat(tooLate.getBody().get("detail").toString()).contains("past the item's limit");
        advance(Duration.ofHours(3).plusMinutes(59));
        assertThat(events(s.requestId())).doesNotContain("ESCALATED");
        advance(Duration.ofMinutes(1));
        assertThat(events(s.requestId())).contains("ESCALATED");
        answer("rsj.agent", s.requestId(), Answer.rejected("测试结束"));
    }

    @Test
    void aProofWithADatabaseNotYetSharedIsDueInThirtyMinutesWhateverTheItem() {
        VerificationSubmission c = commitmentRequest("RSJ", Duration.ofDays(5));
        VerificationSubmission dataBacked = new VerificationSubmission(c.serviceItemCode(), c.applicationId(), c.itemKind(),
                c.itemPromisedLimit(), c.proofType(), true, c.issuingUnit(), c.subject(), c.queryLetter(), null, null);
        Submitted s = submit("window.agent", dataBacked);
        assertThat(Duration.between(s.receivedAt(), s.deadline())).isEqualTo(Duration.ofMinutes(30));
        answer("rsj.agent", s.requestId(), Answer.rejected("测试结束"));
    }

    @Test
    void aDelayMovesTheDeadlineButOnlyBeforeItAndNeverPastTheItemsLimit() {
        Submitted s = submit("window.agent", personRequest("ZJJ"));
        open("zjj.agent", s.requestId());
        clock.advance(Duration.ofMinutes(10));
        Instant moved = s.receivedAt().plus(Duration.ofHours(2));
        assertThat(answer("zjj.agent", s.requestId(), Answer.delayed("需到村(社区)电话核验", moved)).getBody())
                .containsEntry("status", "DELAYED").containsEntry("deadline", moved.toString());
        assertThat(answer("zjj.agent", s.requestId(), Answer.delayed("再延", s.receivedAt().plus(Duration.ofHours(25)))).getStatusCode().value())
                .as("an instant item's delay ends within a day of receipt").isEqualTo(409);

        advance(Duration.ofMinutes(21));
        assertThat(events(s.requestId())).doesNotContain("ESCALATED");
        advance(Duration.ofMinutes(90));
        assertThat(events(s.requestId())).containsOnlyOnce("ESCALATED");
        ResponseEntity<Map> late = answer("zjj.agent", s.requestId(), Answer.delayed("还要再等", moved.plus(Duration.ofHours(1))));
        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(late.getBody().get("type").toString()).endsWith("verification-delay-too-late");
        assertThat(events(s.requestId())).containsSubsequence("ACCEPTED", "OPENED", "DELAYED", "ESCALATED");
        answer("zjj.agent", s.requestId(), Answer.confirmed(Map.of("name", "测试人")));
    }

    @Test
    void anAnswerInTimeStopsEveryTimerAndItsVerificationTimeIsRecordedApart() {
        Submitted s = submit("window.agent", personRequest("FGW"));
        clock.advance(Duration.ofMinutes(12));
        answer("fgw.agent", s.requestId(), Answer.confirmed(Map.of("name", "测试人")));
        assertThat(count("select count(*) from verification_deadline where request_id = ? and state = 'PENDING' and kind <> 'SEAL'",
                s.requestId())).isZero();
        advance(Duration.ofHours(3));
        assertThat(events(s.requestId())).doesNotContain("ESCALATED", "BREACHED", "REASSIGNED");
        RequestDetail d = detail("window.agent", s.requestId());
        assertThat(d.verificationMillis()).isBetween(Duration.ofMinutes(12).toMillis(), Duration.ofMinutes(13).toMillis());
        assertThat(Duration.between(d.receivedAt(), d.answeredAt()).toMillis()).isEqualTo(d.verificationMillis());
    }

    @Test
    void theUnitsOpenRequestsAreTakenEarliestDeadlineFirstWhateverTheirNumber() {
        Submitted urgent = submit("window.agent", personRequest("GAJ"));
        clock.advance(Duration.ofMinutes(1));
        Submitted later = submit("window.agent", commitmentRequest("GAJ", Duration.ofDays(5)));
        HubUser supervisor = accounts.find("gaj.supervisor").orElseThrow();

        List<RequestSummary> all = verifications.awaitingByDeadline(supervisor, 1000);
        List<String> ids = all.stream().map(RequestSummary::id).toList();
        assertThat(ids).contains(urgent.requestId(), later.requestId());
        assertThat(ids.indexOf(urgent.requestId())).as("the earlier deadline comes first").isLessThan(ids.indexOf(later.requestId()));
        assertThat(all).extracting(RequestSummary::deadline).isSorted();
        assertThat(all).allSatisfy(r -> assertThat(r.issuingUnit()).isEqualTo("GAJ"));

        // with fewer places than requests, the most urgent are kept, not the newest received
        RequestSummary first = verifications.awaitingByDeadline(supervisor, 1).get(0);
        assertThat(first.deadline()).isBeforeOrEqualTo(urgent.deadline());
        assertThat(verifications.inbox(supervisor, true, 1).get(0).id()).as("the inbox is newest first").isEqualTo(later.requestId());
    }
}
