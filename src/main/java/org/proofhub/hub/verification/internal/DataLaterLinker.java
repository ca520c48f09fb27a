package org.proofhub.hub.verification.internal;

import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.proofhub.hub.canonical.CanonicalAvro;
import org.proofhub.hub.canonical.CanonicalChange;
import org.proofhub.hub.canonical.CanonicalRecord;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.canonical.ChangeOperation;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.verification.NoticeType;
import org.proofhub.hub.verification.VerificationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verification first, data later ({@code 000} 6.2.2.1.5): a confirmed proof is linked to the canonical
 * record of its subject, at confirmation when the record is there already, or when it arrives through ingest
 * (the route {@code verification-data-later-*} feeds {@link #onChange} from {@code hub.canonical.<kind>}).
 */
public final class DataLaterLinker {
    private static final Logger log = LoggerFactory.getLogger(DataLaterLinker.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final CanonicalRecords records;
    private final DataProtection protection;
    private final VerificationProperties props;
    private final Clock clock;

    DataLaterLinker(JdbcTemplate jdbc, TransactionTemplate tx, CanonicalRecords records, DataProtection protection,
                    VerificationProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.records = records;
        this.protection = protection;
        this.props = props;
        this.clock = clock;
    }

    /** A canonical change from Artemis: links every confirmed, unlinked proof of its subject. Redeliveries change nothing. */
    public void onChange(byte[] body) {
        CanonicalChange change;
        try {
            change = CanonicalAvro.decodeChange(body);
        } catch (UncheckedIOException | org.apache.avro.AvroRuntimeException e) {
            log.warn("verification data-later: a message on a canonical address is not a CanonicalChange ({}); ignored", e.getMessage());
            return;
        }
        if (change.getOperation() == ChangeOperation.DELETE || !(change.getPayload() instanceof GenericRecord payload)) {
            return;
        }
        String kind = change.getKind().name();
        Set<String> fields = props.proofData().values().stream().filter(p -> p.kind().equals(kind))
                .map(VerificationProperties.ProofData::subjectField).collect(Collectors.toSet());
        String[] hashes = fields.stream()
                .map(f -> payload.getSchema().getField(f) == null ? null : payload.get(f))
                .filter(Objects::nonNull).map(v -> protection.keyedHash(v.toString())).distinct().toArray(String[]::new);
        if (hashes.length == 0) {
            return;
        }
        // almost every change concerns nobody waiting for data (a snapshot sends one per record): one plain read says so,
        // without a transaction's begin and commit; it sees the committed rows the locking read below would find
        if (jdbc.queryForList("select 1 from verification_request where data_kind = ? and subject_hash = any(?)"
                + " and status = 'CONFIRMED' and data_linked_at is null limit 1", Integer.class, kind, hashes).isEmpty()) {
            return;
        }
        tx.executeWithoutResult(st -> {
            List<RequestRow> waiting = jdbc.query("select " + RequestRow.COLUMNS + " from verification_request where data_kind = ?"
                    + " and subject_hash = any(?) and status = 'CONFIRMED' and data_linked_at is null order by id for update",
                    RequestRow::map, kind, hashes);
            if (waiting.isEmpty()) {
                return;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            Changes c = new Changes();
            for (RequestRow r : waiting) {
                link(r, kind, change.getRecordKey(), change.getVersion(), change.getChangeId(), now, c);
            }
            c.flush(jdbc);
        });
    }

    /** At confirmation: the record may be in the shared data already. Runs in the confirming transaction. */
    void linkExisting(RequestRow r, Instant now, Changes c) {
        VerificationProperties.ProofData data = props.proofData().get(r.proofType());
        if (data == null) {
            return;
        }
        Optional<CanonicalRecord> record = records.find(data.kind(), r.subjectId())
                .filter(x -> !x.deleted() && r.subjectId().equals(String.valueOf(x.payload().get(data.subjectField()))));
        if (record.isEmpty()) {
            record = records.findBy(data.kind(), data.subjectField(), r.subjectId()).stream().filter(x -> !x.deleted()).findFirst();
        }
        record.ifPresent(x -> link(r, x.kind(), x.key(), x.version(), null, now, c));
    }

    private void link(RequestRow r, String kind, String recordKey, long version, String changeId, Instant now, Changes c) {
        int added = jdbc.update("""
                insert into verification_data_link (request_id, kind, record_key, record_version, change_id, linked_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""", r.id(), kind, recordKey, version, changeId, Timestamp.from(now));
        if (added == 0) {
            return;
        }
        c.update("update verification_request set data_linked_at = coalesce(data_linked_at, ?), updated_at = ? where id = ?",
                Timestamp.from(now), Timestamp.from(now), r.id());
        c.event(r.id(), now, "DATA_LINKED", Actor.HUB, Map.of("kind", kind, "recordVersion", version));
        c.outbox(Messages.answer(NoticeType.DATA_LINKED, r, now, "hub", b -> b.setDataKind(kind).setDataRecordKey(recordKey)
                .setProofId(r.proofId()).setProofStatus(r.proofStatus())));
    }
}
