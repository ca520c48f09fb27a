package org.proofhub.hub.proof;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.platform.GroupCommit;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Archives issued proofs in groups ({@link GroupCommit}): a request thread hands its proof's rows over — the archive row,
 * its lineage, its query record and its audit entry — and waits until they are committed with those of the proofs issued
 * at the same time, in one statement and one transaction. The client still gets its proof only once it is durable; under
 * load, concurrent proofs share a statement, a commit and a WAL flush instead of paying for one each (bench/README.md,
 * proof issuance). A proof the database refuses fails only its own request.
 */
final class ProofArchiveWriter implements AutoCloseable {
    /** One issued proof's rows. {@code sources} are the canonical records it was made from (lineage). */
    record Row(String proofId, String proofType, String serviceItemCode, String applicationId, String subjectHash, byte[] content,
               String contentDigest, byte[] signature, String sealId, Instant issuedAt, LocalDate validUntil, String issuedBy,
               String issuedUnit, List<Source> sources, Object[] queryRecord, AuditLog.Pending audit) {
    }

    /** A canonical record a proof cites, at the version it read. */
    record Source(String kind, String recordKey, long version) {
    }

    /** The query record's columns, in the order of {@link Row#queryRecord()}; {@code at} (first) is a timestamp. */
    static final String QUERY_RECORD_COLUMNS = """
            at, account, unit_code, subject_hash, subject_type, service_item_code, application_id, proof_type, purpose, result, reason, proof_id""";

    private static final String SQL = """
            with p as (
                insert into eproof (proof_id, proof_type, method, service_item_code, application_id, subject_hash, content, content_digest,
                    signature, seal_id, issued_at, valid_until, issued_by, issued_unit)
                select u.proof_id, u.proof_type, 'DATA_QUERY', u.service_item_code, u.application_id, u.subject_hash, u.content,
                    u.content_digest, u.signature, u.seal_id, u.issued_at::timestamptz, u.valid_until::date, u.issued_by, u.issued_unit
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::bytea[], ?::text[],
                            ?::text[], ?::text[], ?::text[], ?::text[])
                    as u (proof_id, proof_type, service_item_code, application_id, subject_hash, content, content_digest, signature,
                          seal_id, issued_at, valid_until, issued_by, issued_unit)
                returning proof_id),
            s as (
                insert into eproof_source (proof_id, kind, record_key, version, linked_at)
                select u.proof_id, u.kind, u.record_key, u.version, u.linked_at::timestamptz
                from unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[]) as u (proof_id, kind, record_key, version, linked_at)),
            q as (
                insert into query_record (""" + QUERY_RECORD_COLUMNS + """
                )
                select u.at::timestamptz, u.account, u.unit_code, u.subject_hash, u.subject_type, u.service_item_code, u.application_id,
                    u.proof_type, u.purpose, u.result, u.reason, u.proof_id
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::text[])
                    as u (at, account, unit_code, subject_hash, subject_type, service_item_code, application_id, proof_type, purpose,
                          result, reason, proof_id)),
            a as (
                insert into audit_pending (""" + AuditLog.PENDING_COLUMNS + """
                )
                select u.at::timestamptz, u.actor, u.unit_code, u.action, u.subject_hash, u.purpose, u.detail
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    as u (at, actor, unit_code, action, subject_hash, purpose, detail))
            select count(*) from p""";

    private final JdbcTemplate jdbc;
    private final GroupCommit<Row, Boolean> group;

    /** Starts the writers; {@code hub.commit.group} (tag {@code writer=proof-archive}) counts the groups and their sizes. */
    ProofArchiveWriter(JdbcTemplate jdbc, int writerThreads, int maxGroup, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.group = new GroupCommit<>("proof-archive", writerThreads, maxGroup, this::insert, meters);
    }

    /** Writes the proof's rows and returns once they are committed; throws what the database threw for them. */
    void write(Row row) {
        group.submit(row);
    }

    /** Proofs handed over and not yet taken by a writer. */
    int queued() {
        return group.queued();
    }

    /** All rows of the given proofs in one statement (autocommit: one transaction). */
    private List<Boolean> insert(List<Row> rows) {
        int n = rows.size();
        int sourceCount = rows.stream().mapToInt(r -> r.sources().size()).sum();
        String[][] proof = new String[11][n];
        byte[][] content = new byte[n][];
        byte[][] signature = new byte[n][];
        String[][] source = new String[4][sourceCount];
        Long[] versions = new Long[sourceCount];
        String[][] query = new String[12][n];
        String[][] audit = new String[7][n];
        int s = 0;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            String issuedAt = r.issuedAt().toString();
            String[] p = {r.proofId(), r.proofType(), r.serviceItemCode(), r.applicationId(), r.subjectHash(), r.contentDigest(), r.sealId(),
                    issuedAt, r.validUntil().toString(), r.issuedBy(), r.issuedUnit()};
            for (int c = 0; c < p.length; c++) {
                proof[c][i] = p[c];
            }
            content[i] = r.content();
            signature[i] = r.signature();
            for (Source src : r.sources()) {
                source[0][s] = r.proofId();
                source[1][s] = src.kind();
                source[2][s] = src.recordKey();
                source[3][s] = issuedAt;
                versions[s] = src.version();
                s++;
            }
            Object[] q = r.queryRecord();
            for (int c = 0; c < q.length; c++) {
                query[c][i] = text(q[c]);
            }
            Object[] a = r.audit().values();
            for (int c = 0; c < a.length; c++) {
                audit[c][i] = text(a[c]);
            }
        }
        Long archived = jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                int i = 0;
                for (int col = 0; col < 5; col++) {
                    ps.setArray(++i, c.createArrayOf("text", proof[col]));
                }
                ps.setArray(++i, c.createArrayOf("bytea", content));
                ps.setArray(++i, c.createArrayOf("text", proof[5]));
                ps.setArray(++i, c.createArrayOf("bytea", signature));
                for (int col = 6; col < 11; col++) {
                    ps.setArray(++i, c.createArrayOf("text", proof[col]));
                }
                ps.setArray(++i, c.createArrayOf("text", source[0]));
                ps.setArray(++i, c.createArrayOf("text", source[1]));
                ps.setArray(++i, c.createArrayOf("text", source[2]));
                ps.setArray(++i, c.createArrayOf("bigint", versions));
                ps.setArray(++i, c.createArrayOf("text", source[3]));
                for (String[] column : query) {
                    ps.setArray(++i, c.createArrayOf("text", column));
                }
                for (String[] column : audit) {
                    ps.setArray(++i, c.createArrayOf("text", column));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
        if (archived == null || archived != n) {
            throw new IllegalStateException(n + " proofs were to be archived, " + archived + " were");
        }
        return java.util.Collections.nCopies(n, Boolean.TRUE);
    }

    /** A value as PostgreSQL reads it back: timestamps as ISO-8601 instants (whatever the session's time zone). */
    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof Instant t) {
            return t.toString();
        }
        return v.toString();
    }

    /** Stops the writers after what is queued; requests still arriving write their own rows. */
    @Override
    public void close() {
        group.close();
    }
}
