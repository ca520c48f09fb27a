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
    private final org.springframework.jdbc.core.RowMapper<RequestRow> rows;
    private final VerificationProperties props;
    private final Clock clock;

    DataLaterLinker(JdbcTemplate jdbc, TransactionTemplate tx, CanonicalRecords records, DataProtection protection,
                    VerificationProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.records = records;
        this.protection = protection;
        this.rows = RequestRow.mapper(protection);
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
                    rows, kind, hashes);
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

    /** How far back {@link #sweep} looks: requests confirmed within this time and still waiting for their data. */
    static final java.time.Duration SWEEP_WINDOW = java.time.Duration.ofMinutes(10);

    /**
     * The record of a request being confirmed can arrive unseen by both paths: the confirmation read the store just
     * before ingest committed the record, and {@link #onChange} looked for confirmed requests just before the confirmation
     * committed (a confirmation held up longer than the change's way through the outbox and the broker, e.g. by a slow
     * commit). Every {@code hub.verification.data-later-sweep-interval} (1 minute) the requests confirmed in the last
     * {@link #SWEEP_WINDOW} and still unlinked are looked up in the store again, as a confirmation does. Safe with
     * several instances: each request is linked under its row lock, a link at most once.
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${hub.verification.data-later-sweep-interval:1m}",
            initialDelayString = "${hub.verification.data-later-sweep-interval:1m}")
    public void sweepScheduled() {
        try {
            int linked = sweep();
            if (linked > 0) {
                log.info("verification data-later: the sweep linked {} confirmed request(s) whose record had arrived unseen", linked);
            }
        } catch (RuntimeException e) {
            log.warn("verification data-later: the sweep failed ({}); it runs again", e.toString());
        }
    }

    /** One sweep (see {@link #sweepScheduled}); the number of requests it linked. */
    public int sweep() {
        List<String> ids = jdbc.queryForList("select id from verification_request where status = 'CONFIRMED' and data_linked_at is null"
                + " and data_kind is not null and answered_at >= ? order by answered_at limit 1000", String.class,
                Timestamp.from(clock.instant().minus(SWEEP_WINDOW)));
        int linked = 0;
        for (String id : ids) {
            Boolean done = tx.execute(st -> {
                List<RequestRow> found = jdbc.query("select " + RequestRow.COLUMNS + " from verification_request where id = ?"
                        + " and status = 'CONFIRMED' and data_linked_at is null for update", rows, id);
                if (found.isEmpty()) {
                    return false;
                }
                Changes c = new Changes();
                boolean didLink = linkExisting(found.get(0), clock.instant().truncatedTo(ChronoUnit.MILLIS), c);
                c.flush(jdbc);
                return didLink;
            });
            if (Boolean.TRUE.equals(done)) {
                linked++;
            }
        }
        return linked;
    }

    /**
     * At confirmation: the record may be in the shared data already. Runs in the confirming transaction; whether it linked
     * the request to a record.
     */
    boolean linkExisting(RequestRow r, Instant now, Changes c) {
        VerificationProperties.ProofData data = props.proofData().get(r.proofType());
        if (data == null) {
            return false;
        }
        Optional<CanonicalRecord> record = records.find(data.kind(), r.subjectId())
                .filter(x -> !x.deleted() && r.subjectId().equals(String.valueOf(x.payload().get(data.subjectField()))));
        if (record.isEmpty()) {
            record = records.findBy(data.kind(), data.subjectField(), r.subjectId()).stream().filter(x -> !x.deleted()).findFirst();
        }
        return record.isPresent() && link(r, record.get().kind(), record.get().key(), record.get().version(), null, now, c);
    }

    /** Links {@code r} to the record unless it is linked to it already; whether it did. */
    private boolean link(RequestRow r, String kind, String recordKey, long version, String changeId, Instant now, Changes c) {
        int added = jdbc.update("""
                insert into verification_data_link (request_id, kind, record_key, record_version, change_id, linked_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""", r.id(), kind, recordKey, version, changeId, Timestamp.from(now));
        if (added == 0) {
            return false;
        }
        c.update("update verification_request set data_linked_at = coalesce(data_linked_at, ?), updated_at = ? where id = ?",
                Timestamp.from(now), Timestamp.from(now), r.id());
        c.event(r.id(), now, "DATA_LINKED", Actor.HUB, Map.of("kind", kind, "recordVersion", version));
        c.outbox(Messages.answer(NoticeType.DATA_LINKED, r, now, "hub", b -> b.setDataKind(kind).setDataRecordKey(recordKey)
                .setProofId(r.proofId()).setProofStatus(r.proofStatus())));
        return true;
    }
}
