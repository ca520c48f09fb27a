package org.proofhub.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.ConnectionFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.canonical.CanonicalAvro;
import org.proofhub.hub.canonical.CanonicalChange;
import org.proofhub.hub.canonical.CanonicalRecord;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.canonical.ChangeOperation;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.ingest.check.LicenceIds;
import org.proofhub.hub.platform.HubProperties;
import org.proofhub.hub.support.Broker;
import org.proofhub.hub.support.HubIT;
import org.proofhub.hub.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each of the four department sources, through its real connector (CDC, CDC, JDBC poll, file drop):
 * an insert, an update and a delete of a source row become the canonical record's creation, change and
 * deletion, with lineage, in the hub database and on the Artemis address.
 */
class IngestFourSourcesIT extends HubIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    CanonicalRecords records;
    @Autowired
    DemoDepartments departments;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    JdbcTemplate hub;
    @Autowired
    HubProperties hubProperties;

    JdbcTemplate dept(DemoDepartment d) {
        return new JdbcTemplate(departments.dataSource(d));
    }

    @BeforeEach
    void snapshotsAreIn() {
        // every clean demo row of the CDC sources is in the canonical store before a test changes anything
        long cleanPersons = dept(DemoDepartment.POPULATION).queryForObject(
                "select count(*) from \"RK_JBXX\" where \"RKBH\" not in (select source_key from _demo_defect)", Long.class);
        await().atMost(WAIT).until(() -> hub.queryForObject(
                "select count(*) from source_link where connector_id = 'population' and kind = 'Person'", Long.class) >= cleanPersons);
    }

    @Test
    void populationChangesFlowByCdc() throws Exception {
        String id = TestData.citizenId();
        String rkbh = "RKT" + TestData.next();
        JdbcTemplate db = dept(DemoDepartment.POPULATION);
        try (Broker broker = Broker.subscribe(connectionFactory, CanonicalAvro.address("Person"), true)) {
            db.update("""
                    insert into "RK_JBXX" ("RKBH", "GMSFHM", "XM", "XBDM", "MZDM", "CSRQ", "HH", "YHZGXDM", "HJDZ_XZQHDM", "HJDZ", "DJJG", "RYZTDM", "GXSJ")
                    values (?, ?, ' 测试甲 ', '1', '01', '19900101', '350102009999', '02', '350102', '福建省福州市鼓楼区测试路1号', '鼓楼派出所', '0', now())""",
                    rkbh, id);
            CanonicalRecord created = awaitRecord("Person", id, r -> r.version() == 1);
            assertThat(created.payload()).containsEntry("name", "测试甲").containsEntry("sex", "MALE").containsEntry("birthDate", "1990-01-01");
            assertThat(created.lineage()).containsEntry("connectorId", "population").containsEntry("sourceTable", "public.RK_JBXX")
                    .containsEntry("sourceKey", rkbh).containsEntry("mappingId", "population-person").containsEntry("mappingVersion", 1);
            assertThat((Long) created.lineage().get("sourcePosition")).isPositive();
            assertThat(created.sourceLineage().get("population")).containsEntry("sourceUnit", "GAJ");
            assertThat(created.fieldSources()).containsEntry("name", "population");
            CanonicalChange published = broker.awaitChange(c -> c.getRecordKey().equals(id), WAIT);
            assertThat(published.getOperation()).isEqualTo(ChangeOperation.UPSERT);
            assertThat(published.getLineage().getConnectorId()).isEqualTo("population");
            assertThat(published.getLineage().getSourceUnit()).isEqualTo("GAJ");
            assertThat(((org.proofhub.hub.canonical.Person) published.getPayload()).getName()).isEqualTo("测试甲");

            db.update("update \"RK_JBXX\" set \"HJDZ\" = '福建省福州市台江区新址路2号', \"GXSJ\" = now() where \"RKBH\" = ?", rkbh);
            CanonicalRecord updated = awaitRecord("Person", id, r -> r.version() == 2);
            assertThat(updated.payload()).containsEntry("householdAddress", "福建省福州市台江区新址路2号");
            assertThat((Long) updated.lineage().get("sourcePosition")).isGreaterThan((Long) created.lineage().get("sourcePosition"));
            assertThat(broker.awaitChange(c -> c.getRecordKey().equals(id) && c.getVersion() == 2, WAIT).getOperation())
                    .isEqualTo(ChangeOperation.UPSERT);

            db.update("delete from \"RK_JBXX\" where \"RKBH\" = ?", rkbh);
            CanonicalRecord deleted = awaitRecord("Person", id, CanonicalRecord::deleted);
            assertThat(deleted.version()).isEqualTo(3);
            assertThat(broker.awaitChange(c -> c.getRecordKey().equals(id) && c.getVersion() == 3, WAIT).getOperation())
                    .isEqualTo(ChangeOperation.DELETE);
        }
        assertThat(records.history("Person", id)).extracting(CanonicalRecords.HistoryEntry::deleted).containsExactly(false, false, true);
    }

    @Test
    void legalPersonChangesFlowByCdc() throws Exception {
        String uscc = TestData.uscc();
        long rowId = 900_000 + TestData.next();
        JdbcTemplate db = dept(DemoDepartment.LEGAL_PERSON);
        try (Broker broker = Broker.subscribe(connectionFactory, CanonicalAvro.address("LegalEntity"), true)) {
            db.update("""
                    insert into enterprise (id, uscc, enterprise_name, enterprise_type, legal_rep_name, registered_capital, established_on,
                        reg_status, registered_address, reg_authority, business_scope)
                    values (?, ?, '福州测试科技有限公司', 'LLC', '测试乙', 100.00, date '2020-05-01', '10', '福州市鼓楼区测试路3号', '福州市鼓楼区市场监督管理局', '软件开发')""",
                    rowId, uscc);
            CanonicalRecord created = awaitRecord("LegalEntity", uscc, r -> r.version() == 1);
            assertThat(created.payload()).containsEntry("status", "ACTIVE").containsEntry("entityType", "LIMITED_LIABILITY")
                    .containsEntry("establishedDate", "2020-05-01").containsEntry("registeredCapital", "100.00");
            assertThat(created.lineage()).containsEntry("connectorId", "legal-person").containsEntry("sourceKey", String.valueOf(rowId));
            broker.awaitChange(c -> c.getRecordKey().equals(uscc), WAIT);

            db.update("update enterprise set reg_status = '20', updated_at = now() where id = ?", rowId);
            assertThat(awaitRecord("LegalEntity", uscc, r -> r.version() == 2).payload()).containsEntry("status", "REVOKED");
            broker.awaitChange(c -> c.getRecordKey().equals(uscc) && c.getVersion() == 2, WAIT);

            db.update("delete from enterprise where id = ?", rowId);
            awaitRecord("LegalEntity", uscc, CanonicalRecord::deleted);
            assertThat(broker.awaitChange(c -> c.getRecordKey().equals(uscc) && c.getVersion() == 3, WAIT).getOperation())
                    .isEqualTo(ChangeOperation.DELETE);
        }
    }

    @Test
    void creditChangesFlowByPollingIncludingSoftAndHardDeletes() throws Exception {
        JdbcTemplate db = dept(DemoDepartment.CREDIT);
        String person = TestData.citizenId();
        long jlid = 800_000 + TestData.next();
        try (Broker broker = Broker.subscribe(connectionFactory, CanonicalAvro.address("CreditRecord"), true)) {
            db.update("""
                    insert into xy_sxjl (jlid, ztlx, ztbm, ztmc, sxlb, yzcd, rdjg, rdrq, sxnr, xfzt, scbz, gxsj)
                    values (?, '1', ?, '测试丙', 'SX01', '3', '福州市中级人民法院', date '2025-03-01', '拒不履行生效判决', '0', '0', now())""",
                    jlid, person);
            String key = String.valueOf(jlid);
            CanonicalRecord created = awaitRecord("CreditRecord", key, r -> r.version() == 1);
            assertThat(created.payload()).containsEntry("subjectId", person).containsEntry("severity", "SERIOUS")
                    .containsEntry("category", "DISHONEST_JUDGMENT_DEBTOR").containsEntry("repaired", false);
            assertThat(created.lineage()).containsEntry("connectorId", "credit").containsEntry("sourceTable", "public.xy_sxjl");
            broker.awaitChange(c -> c.getRecordKey().equals(key), WAIT);

            db.update("update xy_sxjl set xfzt = '1', xfrq = date '2025-09-01' where jlid = ?", jlid);
            assertThat(awaitRecord("CreditRecord", key, r -> r.version() == 2).payload())
                    .containsEntry("repaired", true).containsEntry("repairedDate", "2025-09-01");

            db.update("update xy_sxjl set scbz = '1' where jlid = ?", jlid);
            awaitRecord("CreditRecord", key, CanonicalRecord::deleted);
            assertThat(broker.awaitChange(c -> c.getRecordKey().equals(key) && c.getOperation() == ChangeOperation.DELETE, WAIT))
                    .isNotNull();
        }
        // a row removed outright is found by the periodic key comparison
        long gone = 800_000 + TestData.next();
        db.update("""
                insert into xy_sxjl (jlid, ztlx, ztbm, ztmc, sxlb, yzcd, rdjg, rdrq, scbz, gxsj)
                values (?, '1', ?, '测试丁', 'CF01', '1', '福州市市场监督管理局', date '2025-04-01', '0', now())""", gone, person);
        awaitRecord("CreditRecord", String.valueOf(gone), r -> !r.deleted());
        db.update("delete from xy_sxjl where jlid = ?", gone);
        awaitRecord("CreditRecord", String.valueOf(gone), CanonicalRecord::deleted);
    }

    @Test
    void licenceChangesFlowThroughTheDepartmentsExportFiles() throws Exception {
        JdbcTemplate db = dept(DemoDepartment.LICENCE);
        UUID doc = UUID.randomUUID();
        String holder = TestData.citizenId();
        String issuer = TestData.issuerUscc();
        String licenceId = LicenceIds.withCheck("JSZ", issuer, 2025, 900_000 + TestData.next() % 99_999);
        try (Broker broker = Broker.subscribe(connectionFactory, CanonicalAvro.address("Licence"), true)) {
            db.update("""
                    insert into license_document (doc_id, license_code, license_type, license_name, holder_type, holder_id, holder_name,
                        issuer_code, issuer_name, issue_date, valid_from, valid_to, status, surface)
                    values (?, ?, 'JSZ', '机动车驾驶证', 'P', ?, '测试戊', ?, '福州市公安局交通警察支队',
                        date '2025-01-10', date '2025-01-10', date '2031-01-10', '01', '{"class": "C1"}'::jsonb)""",
                    doc, licenceId, holder, issuer);
            CanonicalRecord created = awaitRecord("Licence", licenceId, r -> r.version() == 1);
            assertThat(created.payload()).containsEntry("holderId", holder).containsEntry("status", "VALID")
                    .containsEntry("validUntil", "2031-01-10").containsEntry("holderType", "PERSON");
            assertThat(created.lineage()).containsEntry("connectorId", "e-licence").containsEntry("sourceTable", "license_document")
                    .containsEntry("sourceKey", doc.toString());
            broker.awaitChange(c -> c.getRecordKey().equals(licenceId), WAIT);

            db.update("update license_document set status = '03' where doc_id = ?", doc);
            assertThat(awaitRecord("Licence", licenceId, r -> r.version() == 2).payload()).containsEntry("status", "REVOKED");

            db.update("delete from license_document where doc_id = ?", doc);
            awaitRecord("Licence", licenceId, CanonicalRecord::deleted);
            assertThat(broker.awaitChange(c -> c.getRecordKey().equals(licenceId) && c.getOperation() == ChangeOperation.DELETE, WAIT))
                    .isNotNull();
        }
    }

    /**
     * A backlog of export files (a department kept exporting while the hub was down) is taken in full. The files here
     * carry changes of one licence; the first file by name has the newest change (revoked), the later files older ones:
     * taken after it, the older changes are skipped by their positions and the newest stays.
     */
    @Test
    void aBacklogOfExportFilesIsTakenAndTheNewestChangeOfARowWins() throws Exception {
        Path drop = hubProperties.dataPath().resolve("drop/e-licence");
        String doc = UUID.randomUUID().toString();
        String holder = TestData.citizenId();
        String issuer = TestData.issuerUscc();
        String licenceId = LicenceIds.withCheck("JSZ", issuer, 2025, 900_000 + TestData.next() % 99_999);
        String batch = "licence-zz-backlog-" + TestData.next() + "-";
        int files = 250;
        for (int i = 0; i < files; i++) {
            // file 0 holds the newest change (the highest position), files 1.. older ones
            long position = i == 0 ? files : i;
            String status = i == 0 ? "03" : "01";
            String line = """
                    {"op":"U","change_seq":%d,"table":"license_document","row":{"doc_id":"%s","license_code":"%s","license_type":"JSZ",\
                    "license_name":"机动车驾驶证","holder_type":"P","holder_id":"%s","holder_name":"测试庚","issuer_code":"%s",\
                    "issuer_name":"福州市公安局交通警察支队","issue_date":"2025-01-10","valid_from":"2025-01-10","valid_to":"2031-01-10",\
                    "status":"%s","surface":{"class":"C1"},"change_seq":%d}}
                    """.formatted(position, doc, licenceId, holder, issuer, status, position);
            Path tmp = drop.resolve(batch + "%04d.tmp".formatted(i));
            Files.writeString(tmp, line);
            Files.move(tmp, drop.resolve(batch + "%04d.ndjson".formatted(i)), StandardCopyOption.ATOMIC_MOVE);
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (var left = Files.list(drop)) {
                return left.noneMatch(p -> p.getFileName().toString().startsWith(batch));
            }
        });
        try (var done = Files.list(drop.resolve(".done"))) {
            assertThat(done.filter(p -> p.getFileName().toString().startsWith(batch))).hasSize(files);
        }
        CanonicalRecord licence = awaitRecord("Licence", licenceId, r -> "REVOKED".equals(r.payload().get("status")));
        assertThat(hub.queryForObject("select last_position from source_link where connector_id = 'e-licence' and source_key = ?", Long.class, doc))
                .isEqualTo(files);
        assertThat(licence.payload()).containsEntry("holderId", holder);
    }

    @Test
    void aBusinessLicenceThatDisagreesWithTheLegalPersonDatabaseIsAConflictNotAnOverwrite() {
        Map<String, Object> conflict = await().atMost(WAIT).until(() -> dept(DemoDepartment.LICENCE).queryForList(
                "select source_key, field from _demo_conflict limit 1"), l -> !l.isEmpty()).get(0);
        String docId = (String) conflict.get("source_key");
        String uscc = dept(DemoDepartment.LICENCE).queryForObject("select holder_id from license_document where doc_id = ?::uuid", String.class, docId);
        await().atMost(WAIT).until(() -> hub.queryForObject(
                "select count(*) from field_conflict where kind = 'LegalEntity' and record_key = ? and offered_connector = 'e-licence'",
                Long.class, uscc) > 0);
        CanonicalRecord entity = records.find("LegalEntity", uscc).orElseThrow();
        String official = dept(DemoDepartment.LEGAL_PERSON).queryForObject("select enterprise_name from enterprise where uscc = ?", String.class, uscc);
        assertThat(entity.payload().get("name")).isEqualTo(official.strip());
        assertThat(entity.fieldSources()).containsEntry("name", "legal-person");
    }

    CanonicalRecord awaitRecord(String kind, String key, java.util.function.Predicate<CanonicalRecord> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> records.find(kind, key), r -> r.isPresent() && condition.test(r.get())).get();
    }

    static <T> T orFail(Optional<T> o) {
        return o.orElseThrow();
    }
}
