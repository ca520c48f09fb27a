package org.proofhub.hub.verification.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.proofhub.hub.platform.Masking;
import org.proofhub.hub.verification.RequestDetail;
import org.proofhub.hub.verification.RequestSummary;
import org.proofhub.hub.verification.TimelineEvent;
import org.proofhub.hub.verification.VerificationSubmission;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * SQL of {@code verification_request} and the rows that hang off it. Every change of a request locks its
 * pending deadlines before the request row, the order the deadline scheduler takes them in, so that a
 * person answering and a timer firing never wait for each other in a circle.
 */
final class RequestStore {
    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** Encrypts the requests' personal data and ID scans at rest. */
    private final org.proofhub.hub.platform.DataProtection protection;
    private final org.springframework.jdbc.core.RowMapper<RequestRow> rows;

    RequestStore(JdbcTemplate jdbc, Clock clock, org.proofhub.hub.platform.DataProtection protection) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.protection = java.util.Objects.requireNonNull(protection, "protection");
        this.rows = RequestRow.mapper(protection);
    }

    /** The confirmed facts of an answer as they are stored ({@code content_sealed}). */
    byte[] sealContent(Map<String, String> content) {
        return RequestRow.sealContent(protection, content);
    }

    /**
     * Seals up to {@code limit} requests written before V26 (clear subject, letter, declaration and facts): encrypted into
     * {@code personal} and {@code content_sealed}, the clear columns emptied, in one transaction per call.
     *
     * @return how many were sealed
     */
    int sealClearRows(int limit) {
        List<RequestRow> clear = jdbc.query("select " + RequestRow.COLUMNS + " from verification_request where personal is null"
                + " order by id limit ? for update skip locked", rows, limit);
        for (RequestRow r : clear) {
            jdbc.update("""
                    update verification_request set personal = ?, content_sealed = ?, subject_id = null, subject_name = null,
                        query_letter = null, declared = null, content = null where id = ? and personal is null""",
                    RequestRow.seal(protection, new RequestRow.Personal(r.subjectId(), r.subjectName(), r.queryLetter(), r.declared())),
                    sealContent(r.content()), r.id());
        }
        return clear.size();
    }

    /**
     * Stores an accepted request in one statement, one round trip: the request, its ACCEPTED and ASSIGNED
     * events, its DEADLINE (and AB_TAKEOVER) timers and its outbox message, whose id is returned. The relay
     * leaves the message alone for {@code relayAfter} (the hand-over sends it first).
     */
    long insertAccepted(RequestRow r, VerificationSubmission.IdScan scan, Actor by, Map<String, Object> acceptedDetail, Instant takeOver,
                        OutboxMessage message, java.time.Duration relayAfter) {
        Long outboxId = jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    with req as (
                        insert into verification_request (id, status, requesting_unit, requesting_agent, issuing_unit, assigned_agent,
                            assigned_post, service_item_code, application_id, item_kind, item_promised_limit_s, data_backed, proof_type,
                            data_kind, subject_type, personal, subject_hash, received_at,
                            deadline_at, first_deadline_at, latest_deadline_at, return_until, readdressed_from, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        returning id),
                    ev as (
                        insert into verification_event (request_id, at, type, actor, actor_unit, channel, detail)
                        select id, ?::timestamptz, 'ACCEPTED', ?::varchar, ?::varchar, ?::varchar, ?::jsonb from req
                        union all
                        select id, ?::timestamptz, 'ASSIGNED', 'hub', null, 'HUB', ?::jsonb from req),
                    dl as (
                        insert into verification_deadline (request_id, kind, due_at)
                        select id, 'DEADLINE', ?::timestamptz from req
                        union all
                        select id, 'AB_TAKEOVER', ?::timestamptz from req where ?::timestamptz is not null)
                    insert into outbox (address, multicast, body, properties, relay_after)
                    values (?, false, ?, ?::jsonb, now() + make_interval(secs => ?)) returning id""");
            int i = 0;
            ps.setString(++i, r.id());
            ps.setString(++i, r.status().name());
            ps.setString(++i, r.requestingUnit());
            ps.setString(++i, r.requestingAgent());
            ps.setString(++i, r.issuingUnit());
            ps.setString(++i, r.assignedAgent());
            ps.setString(++i, r.assignedPost());
            ps.setString(++i, r.serviceItemCode());
            ps.setString(++i, r.applicationId());
            ps.setString(++i, r.itemKind().name());
            if (r.itemPromisedLimit() == null) {
                ps.setNull(++i, Types.BIGINT);
            } else {
                ps.setLong(++i, r.itemPromisedLimit().toSeconds());
            }
            ps.setBoolean(++i, r.dataBacked());
            ps.setString(++i, r.proofType());
            ps.setString(++i, r.dataKind());
            ps.setString(++i, r.subjectType().name());
            ps.setBytes(++i, RequestRow.seal(protection, new RequestRow.Personal(r.subjectId(), r.subjectName(), r.queryLetter(), r.declared())));
            ps.setString(++i, r.subjectHash());
            ps.setTimestamp(++i, Timestamp.from(r.receivedAt()));
            ps.setTimestamp(++i, Timestamp.from(r.deadline()));
            ps.setTimestamp(++i, Timestamp.from(r.firstDeadline()));
            ps.setTimestamp(++i, Timestamp.from(r.latestDeadline()));
            ps.setTimestamp(++i, Timestamp.from(r.returnUntil()));
            ps.setString(++i, r.readdressedFrom());
            ps.setTimestamp(++i, Timestamp.from(r.receivedAt()));
            // events
            ps.setTimestamp(++i, Timestamp.from(r.receivedAt()));
            ps.setString(++i, by.name());
            ps.setString(++i, by.unit());
            ps.setString(++i, by.channel().name());
            ps.setString(++i, Json.write(acceptedDetail));
            ps.setTimestamp(++i, Timestamp.from(r.receivedAt()));
            ps.setString(++i, Json.write(Map.of("to", String.valueOf(r.assignedAgent()), "post", r.assignedPost())));
            // deadlines
            ps.setTimestamp(++i, Timestamp.from(r.deadline()));
            Timestamp ab = takeOver == null ? null : Timestamp.from(takeOver);
            ps.setTimestamp(++i, ab);
            ps.setTimestamp(++i, ab);
            // outbox
            ps.setString(++i, message.address());
            ps.setBytes(++i, message.body());
            ps.setString(++i, Json.write(message.properties()));
            ps.setDouble(++i, relayAfter.toMillis() / 1000.0);
            return ps;
        }, rs -> rs.next() ? rs.getLong(1) : null);
        if (outboxId == null) {
            throw new IllegalStateException("accepting request " + r.id() + " returned no outbox row");
        }
        if (scan != null) {
            // an image of an ID card is sensitive personal information: encrypted at rest; the digest is of the image itself
            jdbc.update("""
                            insert into verification_attachment (request_id, content_type, size_bytes, sha256, content, encrypted)
                            values (?, ?, ?, ?, ?, true)""",
                    r.id(), scan.contentType(), scan.content().length, sha256(scan.content()), protection.encrypt(scan.content()));
        }
        return outboxId;
    }

    Optional<RequestRow> find(String id) {
        return jdbc.query("select " + RequestRow.COLUMNS + " from verification_request where id = ?", rows, id).stream().findFirst();
    }

    /** Locks the request for a change: its pending deadlines first, then the row. */
    Optional<RequestRow> lock(String id) {
        jdbc.query("select id from verification_deadline where request_id = ? and state = 'PENDING' order by id for update", rs -> {
        }, id);
        return jdbc.query("select " + RequestRow.COLUMNS + " from verification_request where id = ? for update", rows, id)
                .stream().findFirst();
    }

    /** Locks requests whose deadlines the caller holds already, in id order (two schedulers never cross). */
    List<RequestRow> lockAll(Collection<String> ids) {
        return jdbc.query("select " + RequestRow.COLUMNS + " from verification_request where id = any(?) order by id for update",
                rows, (Object) ids.toArray(String[]::new));
    }

    void cancelDeadlines(String requestId, DeadlineKind... kinds) {
        jdbc.update("update verification_deadline set state = 'CANCELLED' where request_id = ? and state = 'PENDING' and kind = any(?)",
                requestId, Arrays.stream(kinds).map(Enum::name).toArray(String[]::new));
    }

    /** Moves a pending deadline; returns false when there was none to move. */
    boolean moveDeadline(String requestId, DeadlineKind kind, Instant due) {
        return jdbc.update("update verification_deadline set due_at = ? where request_id = ? and kind = ? and state = 'PENDING'",
                Timestamp.from(due), requestId, kind.name()) == 1;
    }

    List<TimelineEvent> timeline(String id) {
        return jdbc.query("select at, type, actor, actor_unit, channel, detail::text from verification_event where request_id = ? order by id",
                (rs, i) -> new TimelineEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Json.objectMap(rs.getString(6))), id);
    }

    List<RequestDetail.DataLink> dataLinks(String id) {
        return jdbc.query("select kind, record_key, record_version, linked_at from verification_data_link where request_id = ? order by linked_at",
                (rs, i) -> new RequestDetail.DataLink(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant()), id);
    }

    /** A request's ID scan as stored: the image (decrypted), or when it was deleted after the retention period. */
    record StoredScan(VerificationSubmission.IdScan scan, Instant purgedAt) {
    }

    Optional<StoredScan> attachment(String id) {
        return jdbc.query("select content_type, content, encrypted, purged_at from verification_attachment where request_id = ?",
                (rs, i) -> {
                    byte[] content = rs.getBytes(2);
                    Instant purgedAt = rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant();
                    if (content == null) {
                        return new StoredScan(null, purgedAt);
                    }
                    // scans stored before encryption at rest (V24) are read as they are
                    return new StoredScan(new VerificationSubmission.IdScan(rs.getString(1), rs.getBoolean(3) ? protection.decrypt(content) : content),
                            null);
                }, id).stream().findFirst();
    }

    Optional<String> attachmentSummary(String id) {
        return jdbc.query("select content_type, size_bytes, purged_at from verification_attachment where request_id = ?",
                (rs, i) -> rs.getString(1) + ", " + rs.getInt(2) + " bytes"
                        + (rs.getTimestamp(3) == null ? "" : ", deleted " + rs.getTimestamp(3).toInstant() + " after the retention period"),
                id).stream().findFirst();
    }

    /**
     * Deletes the images of ID scans whose request was answered before {@code answeredBefore}, at most {@code limit}; the row
     * keeps type, size, digest and when. Returns the requests whose scans were deleted.
     */
    List<String> purgeScans(Instant answeredBefore, Instant now, int limit) {
        return jdbc.queryForList("""
                        update verification_attachment a set content = null, purged_at = ?
                        where a.request_id in (
                            select a2.request_id from verification_attachment a2 join verification_request r on r.id = a2.request_id
                            where a2.purged_at is null and r.status in ('CONFIRMED', 'REJECTED', 'RETURNED') and r.answered_at < ?
                            order by r.answered_at limit ? for update of a2 skip locked)
                        returning a.request_id""",
                String.class, Timestamp.from(now), Timestamp.from(answeredBefore), limit);
    }

    /** Summaries matching {@code where} (SQL over the request's columns), newest first. */
    List<RequestSummary> summaries(String where, int limit, Object... args) {
        return summaries(where, "received_at desc, id", limit, args);
    }

    List<RequestSummary> summaries(String where, String orderBy, int limit, Object... args) {
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = limit;
        Instant now = clock.instant();
        return jdbc.query("select " + RequestRow.COLUMNS + " from verification_request where " + where + " order by " + orderBy + " limit ?",
                (rs, i) -> summary(rows.mapRow(rs, i), now), all);
    }

    static RequestSummary summary(RequestRow r, Instant now) {
        String masked = Masking.identifier(r.subjectId());
        boolean overdue = r.status().awaitsAnswer() && now.isAfter(r.deadline());
        return new RequestSummary(r.id(), r.status(), r.requestingUnit(), r.requestingAgent(), r.issuingUnit(), r.assignedAgent(),
                r.serviceItemCode(), r.applicationId(), r.itemKind(), r.proofType(), masked, r.receivedAt(), r.deadline(), overdue,
                r.escalatedAt(), r.breachedAt(), r.answeredAt(), r.proofStatus(), r.proofId(), r.supplementaryRequired(),
                r.dataLinkedAt() != null, r.readdressedTo());
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
