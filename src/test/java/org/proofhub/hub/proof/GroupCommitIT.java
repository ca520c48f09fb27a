package org.proofhub.hub.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.support.HubIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Group commit against the real database. The archive: proofs handed over while a group is being written go together in
 * the next statement and commit, every one of them with all its rows; a proof the database refuses fails only its own
 * request, and a failed group leaves none of its rows behind. Verifications: a group's statement answers each its own
 * proof's record and writes each its own audit entry and verdict.
 */
class GroupCommitIT extends HubIT {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    AuditLog audit;

    final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ExecutorService requests = Executors.newFixedThreadPool(8);

    @AfterEach
    void cleanUp() {
        requests.shutdownNow();
        // audit entries stay: they are in the hash chain like any other
        jdbc.update("delete from eproof_source where proof_id like ?", "EP-T" + run + "%");
        jdbc.update("delete from query_record where proof_id like ?", "EP-T" + run + "%");
        jdbc.update("delete from eproof where proof_id like ?", "EP-T" + run + "%");
    }

    @Test
    void proofsArrivingDuringAWriteShareTheNextCommit() throws Exception {
        try (ProofArchiveWriter writer = new ProofArchiveWriter(jdbc, 1, 64, meters); Connection lock = dataSource.getConnection()) {
            Future<?> first = blockWriterOn(writer, lock, row("0"));
            List<Future<?>> more = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                ProofArchiveWriter.Row r = row(String.valueOf(i));
                more.add(requests.submit(() -> writer.write(r)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.queued() == 5);
            assertThat(archived()).isZero();
            lock.rollback();
            first.get();
            for (Future<?> f : more) {
                f.get();
            }
            DistributionSummary groups = meters.get("hub.commit.group").tag("writer", "proof-archive").summary();
            assertThat(groups.count()).as("two groups: the first proof, then the five that waited").isEqualTo(2);
            assertThat(groups.totalAmount()).isEqualTo(6);
            assertThat(groups.max()).isEqualTo(5);
        }
        assertThat(archived()).isEqualTo(6);
        assertThat(jdbc.queryForObject("select count(*) from eproof_source where proof_id like ?", Long.class, "EP-T" + run + "%"))
                .as("two lineage rows per proof").isEqualTo(12);
        assertThat(jdbc.queryForObject("select count(*) from query_record where proof_id like ? and result = 'ISSUED'", Long.class,
                "EP-T" + run + "%")).isEqualTo(6);
        Map<String, Object> one = jdbc.queryForMap("""
                select e.valid_until, e.issued_at, convert_from(e.content, 'UTF8') as content, s.version, q.at, q.reason
                from eproof e join eproof_source s on s.proof_id = e.proof_id and s.kind = 'Person'
                join query_record q on q.proof_id = e.proof_id where e.proof_id = ?""", "EP-T" + run + "3");
        assertThat(one.get("valid_until").toString()).isEqualTo("2026-12-28");
        assertThat(((java.sql.Timestamp) one.get("issued_at")).toInstant()).isEqualTo(Instant.parse("2026-11-28T08:30:00.123456Z"));
        assertThat(((java.sql.Timestamp) one.get("at")).toInstant()).isEqualTo(Instant.parse("2026-11-28T08:30:00.123456Z"));
        assertThat(one).containsEntry("content", "{\"proofId\":\"EP-T" + run + "3\",\"name\":\"张三\"}").containsEntry("version", 43L);
        assertThat(one.get("reason")).isNull();
    }

    @Test
    void aProofTheDatabaseRefusesFailsAloneAndItsGroupLeavesNothingHalfWritten() throws Exception {
        try (ProofArchiveWriter writer = new ProofArchiveWriter(jdbc, 1, 64, meters); Connection lock = dataSource.getConnection()) {
            writer.write(row("DUP"));
            Future<?> first = blockWriterOn(writer, lock, row("0"));
            ProofArchiveWriter.Row a = row("A");
            ProofArchiveWriter.Row again = row("DUP");
            ProofArchiveWriter.Row b = row("B");
            Future<?> fa = requests.submit(() -> writer.write(a));
            Future<?> fAgain = requests.submit(() -> writer.write(again));
            Future<?> fb = requests.submit(() -> writer.write(b));
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.queued() == 3);
            lock.rollback();
            first.get();
            fa.get();
            fb.get();
            assertThatThrownBy(fAgain::get).isInstanceOf(ExecutionException.class).cause().isInstanceOf(DuplicateKeyException.class);
        }
        assertThat(archived()).as("DUP once, 0, A and B").isEqualTo(4);
        assertThat(jdbc.queryForObject("select count(*) from query_record where proof_id like ?", Long.class, "EP-T" + run + "%"))
                .as("one query record per archived proof: the refused group's statement wrote none").isEqualTo(4);
        assertThat(jdbc.queryForObject("select count(*) from eproof_source where proof_id like ?", Long.class, "EP-T" + run + "%"))
                .isEqualTo(8);
    }

    @Test
    void afterCloseARequestWritesItsOwnRows() {
        ProofArchiveWriter writer = new ProofArchiveWriter(jdbc, 2, 64, meters);
        writer.close();
        writer.write(row("LATE"));
        assertThat(archived()).isEqualTo(1);
    }

    @Test
    void verificationsRecordedTogetherEachGetTheirOwnRecordAndVerdict() throws Exception {
        try (ProofArchiveWriter writer = new ProofArchiveWriter(jdbc, 1, 64, meters)) {
            writer.write(row("V1"));
            writer.write(row("V2"));
        }
        jdbc.update("update eproof set status = 'REVOKED', revoked_at = now(), revocation_reason = 'test' where proof_id = ?", "EP-T" + run + "V2");
        try (VerificationRecorder recorder = new VerificationRecorder(jdbc, 1, 64, meters); Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("lock table audit_pending in exclusive mode");
            }
            Future<Optional<VerificationRecorder.Archived>> first = requests.submit(() -> recorder.record(presented("V1", "d".repeat(64), "first")));
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                    "select count(*) from pg_locks where not granted and relation = 'audit_pending'::regclass", Long.class) > 0);
            Future<Optional<VerificationRecorder.Archived>> same = requests.submit(() -> recorder.record(presented("V1", "d".repeat(64), "same")));
            Future<Optional<VerificationRecorder.Archived>> otherContent = requests.submit(() -> recorder.record(presented("V1", "e".repeat(64), "other")));
            Future<Optional<VerificationRecorder.Archived>> revoked = requests.submit(() -> recorder.record(presented("V2", "d".repeat(64), "revoked")));
            Future<Optional<VerificationRecorder.Archived>> unknown = requests.submit(() -> recorder.record(presented("NONE", "d".repeat(64), "unknown")));
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.queued() == 4);
            lock.rollback();
            assertThat(first.get()).get().extracting(VerificationRecorder.Archived::status).isEqualTo("VALID");
            assertThat(same.get()).get().extracting(VerificationRecorder.Archived::digest).isEqualTo("d".repeat(64));
            assertThat(otherContent.get()).get().extracting(VerificationRecorder.Archived::subjectHash).isEqualTo("0".repeat(64));
            assertThat(revoked.get()).get().satisfies(a -> {
                assertThat(a.status()).isEqualTo("REVOKED");
                assertThat(a.revocationReason()).isEqualTo("test");
                assertThat(a.revokedAt()).isNotNull();
            });
            assertThat(unknown.get()).isEmpty();
            DistributionSummary groups = meters.get("hub.commit.group").tag("writer", "proof-verification").summary();
            assertThat(groups.count()).isEqualTo(2);
            assertThat(groups.max()).isEqualTo(4);
        }
        // each entry carries its own verdict, the archive's subject hash, and an unknown proof none (pending or chained by now)
        List<String> verdicts = jdbc.queryForList("""
                select detail from (select detail, subject_hash from audit_pending union all select detail, subject_hash from audit_log) d
                where detail like ? and subject_hash = ? order by detail""", String.class, "%tag-" + run + "%", "0".repeat(64));
        assertThat(verdicts).hasSize(4);
        assertThat(verdicts).filteredOn(d -> d.contains("\"valid\":true")).hasSize(2)
                .allMatch(d -> d.contains("tag-" + run + "-first") || d.contains("tag-" + run + "-same"));
        assertThat(verdicts).filteredOn(d -> d.contains("\"valid\":false")).hasSize(2)
                .allMatch(d -> d.contains("tag-" + run + "-other") || d.contains("tag-" + run + "-revoked"));
    }

    private VerificationRecorder.Presented presented(String suffix, String digest, String tag) {
        String id = "EP-T" + run + suffix;
        AuditLog.Pending valid = audit.pending(new AuditLog.Entry("verifier", null, "PROOF_VERIFIED", null, null,
                Map.of("proofId", id, "valid", true, "via", "tag-" + run + "-" + tag)));
        AuditLog.Pending invalid = audit.pending(new AuditLog.Entry("verifier", null, "PROOF_VERIFIED", null, null,
                Map.of("proofId", id, "valid", false, "via", "tag-" + run + "-" + tag)));
        return new VerificationRecorder.Presented(id, valid, invalid, true, digest);
    }

    /** Holds a lock the archive statement needs, hands {@code row} over and waits until the writer is stuck on the lock. */
    private Future<?> blockWriterOn(ProofArchiveWriter writer, Connection lock, ProofArchiveWriter.Row row) throws Exception {
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
            s.execute("lock table query_record in exclusive mode");
        }
        Future<?> f = requests.submit(() -> writer.write(row));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from pg_locks where not granted and relation = 'query_record'::regclass", Long.class) > 0);
        return f;
    }

    private long archived() {
        return jdbc.queryForObject("select count(*) from eproof where proof_id like ?", Long.class, "EP-T" + run + "%");
    }

    private ProofArchiveWriter.Row row(String suffix) {
        String id = "EP-T" + run + suffix;
        Instant at = Instant.parse("2026-11-28T08:30:00.123456Z");
        String subject = "0".repeat(64);
        Object[] query = {java.sql.Timestamp.from(at), "window.agent", "ZWFWZX", subject, "PERSON", "350100-MZ-0001", "APP-" + suffix,
                "household-registration", "办理户籍证明", "ISSUED", null, id};
        AuditLog.Pending entry = audit.pending(new AuditLog.Entry("window.agent", "ZWFWZX", "DATA_QUERY", subject, "办理户籍证明",
                Map.of("result", "ISSUED", "proofId", id)));
        return new ProofArchiveWriter.Row(id, "household-registration", "350100-MZ-0001", "APP-" + suffix, subject,
                ("{\"proofId\":\"" + id + "\",\"name\":\"张三\"}").getBytes(StandardCharsets.UTF_8), "d".repeat(64),
                new byte[]{0x30, 0x03, 0x02, 0x01, 0x01}, "seal-test", at, LocalDate.parse("2026-12-28"), "window.agent", "ZWFWZX",
                List.of(new ProofArchiveWriter.Source("Person", "11010519491231002X", 43), new ProofArchiveWriter.Source("Household", "H-1", 7)),
                query, entry);
    }
}
