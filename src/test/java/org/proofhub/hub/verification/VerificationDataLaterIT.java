package org.proofhub.hub.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.SubjectType;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Verification first, data later ({@code 000} 6.2.2.1.5): a proof confirmed by the department before its
 * data was shared is linked to the canonical record when the record arrives through change-data capture;
 * a proof whose record is already shared is linked at confirmation.
 */
class VerificationDataLaterIT extends VerificationIT {
    @Autowired
    DemoDepartments departments;
    @Autowired
    org.proofhub.hub.verification.internal.DataLaterLinker dataLater;
    @Autowired
    org.apache.camel.CamelContext camel;

    @Test
    void aConfirmedProofIsLinkedWhenItsRecordArrivesLater() throws Exception {
        String citizenId = TestData.citizenId();
        Submitted submitted = confirmedBeforeItsData(citizenId, "后到甲", "福州市鼓楼区后到路1号");
        assertThat(detail("window.agent", submitted.requestId()).dataLinks()).isEmpty();

        try (Department window = Department.answers(connectionFactory, "ZWFWZX")) {
            registerInPopulationDepartment(citizenId, "后到甲", "福州市鼓楼区后到路1号");
            RequestDetail linked = await().atMost(Duration.ofSeconds(60)).until(() -> detail("window.agent", submitted.requestId()),
                    d -> !d.dataLinks().isEmpty());
            assertThat(linked.dataLinks()).singleElement().satisfies(l -> {
                assertThat(l.kind()).isEqualTo("Person");
                assertThat(l.recordKey()).isEqualTo(citizenId);
                assertThat(l.recordVersion()).isEqualTo(1);
            });
            assertThat(events(submitted.requestId())).containsOnlyOnce("DATA_LINKED");
            VerificationNoticeMessage n = window.awaitNotice(x -> submitted.requestId().equals(x.getRequestId())
                    && x.getType() == NoticeType.DATA_LINKED, WAIT);
            assertThat(n.getDataKind()).isEqualTo("Person");
            assertThat(n.getProofId()).isEqualTo("EP-" + submitted.requestId());
        }
    }

    @Test
    void aProofWhoseRecordIsSharedAlreadyIsLinkedAtConfirmation() {
        String citizenId = await().atMost(Duration.ofSeconds(60)).until(() -> hub.queryForList(
                "select record_key from canonical_record where kind = 'Person' and not deleted order by record_key limit 1", String.class),
                l -> !l.isEmpty()).get(0);
        VerificationSubmission s = new VerificationSubmission("350100-HJ-0001", "APP-" + TestData.next(), ItemKind.INSTANT, null,
                "household-registration", false, "GAJ", new VerificationSubmission.Subject(SubjectType.PERSON, citizenId, "某人"),
                "请核实户籍。", null, null);
        Submitted submitted = submit("window.agent", s);
        answer("gaj.agent", submitted.requestId(), Answer.confirmed(Map.of("householdAddress", "福州市")));
        assertThat(detail("window.agent", submitted.requestId()).dataLinks()).singleElement()
                .satisfies(l -> assertThat(l.recordKey()).isEqualTo(citizenId));
    }

    /**
     * A record whose change the subscription did not see (here: its route stopped, as when a confirmation and the change
     * cross) is linked by the sweep of recently confirmed requests.
     */
    @Test
    void theSweepLinksAConfirmedProofWhoseRecordArrivedUnseen() throws Exception {
        String citizenId = TestData.citizenId();
        Submitted submitted = confirmedBeforeItsData(citizenId, "后到乙", "福州市鼓楼区后到路2号");
        camel.getRouteController().stopRoute("verification-data-later-person");
        try {
            registerInPopulationDepartment(citizenId, "后到乙", "福州市鼓楼区后到路2号");
            await().atMost(Duration.ofSeconds(60)).until(() -> hub.queryForObject(
                    "select count(*) from canonical_record where kind = 'Person' and record_key = ?", Long.class, citizenId) == 1);
            assertThat(detail("window.agent", submitted.requestId()).dataLinks()).as("the change went by unseen").isEmpty();

            assertThat(dataLater.sweep()).isGreaterThanOrEqualTo(1);
            assertThat(detail("window.agent", submitted.requestId()).dataLinks()).singleElement()
                    .satisfies(l -> assertThat(l.recordKey()).isEqualTo(citizenId));
            assertThat(events(submitted.requestId())).containsOnlyOnce("DATA_LINKED");
            assertThat(dataLater.sweep()).as("a linked request is not swept again").isZero();
        } finally {
            camel.getRouteController().startRoute("verification-data-later-person");
        }
    }

    /** A household-registration request for {@code citizenId}, confirmed by the police with the given name and address. */
    private Submitted confirmedBeforeItsData(String citizenId, String name, String address) {
        VerificationSubmission s = new VerificationSubmission("350100-HJ-0001", "APP-" + TestData.next(), ItemKind.INSTANT, null,
                "household-registration", false, "GAJ", new VerificationSubmission.Subject(SubjectType.PERSON, citizenId, name),
                "新生儿户籍尚未同步，请核实。", null, null);
        Submitted submitted = submit("window.agent", s);
        answer("gaj.agent", submitted.requestId(), Answer.confirmed(Map.of("name", name, "householdAddress", address)));
        return submitted;
    }

    /** The person appears in the population department's database (and so, by CDC, in the shared data). */
    private void registerInPopulationDepartment(String citizenId, String name, String address) {
        new JdbcTemplate(departments.dataSource(DemoDepartment.POPULATION)).update("""
                insert into "RK_JBXX" ("RKBH", "GMSFHM", "XM", "XBDM", "MZDM", "CSRQ", "HH", "YHZGXDM", "HJDZ_XZQHDM", "HJDZ", "DJJG", "RYZTDM", "GXSJ")
                values (?, ?, ?, '1', '01', '19900101', '350102009998', '02', '350102', ?, '鼓楼派出所', '0', now())""",
                "RKV" + TestData.next(), citizenId, name, address);
    }
}
