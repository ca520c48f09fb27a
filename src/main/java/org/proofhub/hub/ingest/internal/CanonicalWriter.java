package org.proofhub.hub.ingest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.proofhub.hub.canonical.CanonicalAvro;
import org.proofhub.hub.canonical.Lineage;
import org.proofhub.hub.ingest.AuthorityRules;
import org.proofhub.hub.ingest.IngestConfig;
import org.proofhub.hub.ingest.SourceChange;
import org.proofhub.hub.platform.DataProtection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Applies a batch of {@link Work} in one transaction: canonical current state and history, source
 * links, one-number-one-source conflicts, quarantine entries and outbox messages. Redelivered
 * changes are recognised by the source link's last position and change nothing.
 */
final class CanonicalWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger TIMING = org.slf4j.LoggerFactory.getLogger(CanonicalWriter.class.getName() + ".timing");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /*
     * PROBES_NOT_SCANS: links and records are read by one primary-key probe per key (unnest, then a LATERAL
     * subquery whose LIMIT 1 keeps it from being flattened into a join). With "key = any(array)" the planner
     * prices one index descent per array element, and while a young table's statistics lag behind its growth
     * it preferred reading every row of the kind through (kind, updated_at) or (kind, record_key) and filtering:
     * 20-60 ms per batch at 40,000 persons, growing with the table. A probe on the whole primary key is estimated
     * at one row, so no other index undercuts it, whatever the statistics say.
     */

    private final DataSource dataSource;
    private final Supplier<IngestConfig> config;
    private final DataProtection protection;
    private final Clock clock;
    private final QuarantineCodec codec;

    CanonicalWriter(DataSource dataSource, Supplier<IngestConfig> config, DataProtection protection, Clock clock, QuarantineCodec codec) {
        this.dataSource = dataSource;
        this.config = config;
        this.protection = protection;
        this.clock = clock;
        this.codec = codec;
    }

    /** Counts of what a batch did. */
    record Result(int applied, int unchanged, int duplicates, int quarantined, int conflicts) {
    }

    Result write(List<Work> batch) throws SQLException {
        Connection c = DataSourceUtils.getConnection(dataSource);
        boolean auto = c.getAutoCommit();
        try {
            c.setAutoCommit(false);
            // a batch's look-ups are planned for its own keys: the tables grow fast while a source is first read, and a
            // generic plan cached while they were small (a sequential scan) would stay on the pooled connection
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("set local plan_cache_mode = force_custom_plan");
            }
            Result r = new Batch(c, config.get().authority()).run(batch);
            c.commit();
            return r;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    private record LinkKey(String connector, String table, String sourceKey, String kind) {
    }

    private record RecordKey(String kind, String key) {
    }

    /** An applied change: quarantined changes of its source row from before it are superseded. */
    private record Supersede(String connectorId, String sourceTable, String sourceKeyHash, long position) {
    }

    private static final class Link {
        String recordKey;
        long lastPosition;
        boolean deleted;
        boolean dirty;

        Link(String recordKey, long lastPosition, boolean deleted) {
            this.recordKey = recordKey;
            this.lastPosition = lastPosition;
            this.deleted = deleted;
        }
    }

    /** A value a non-authoritative source offered for a field. */
    private record Offer(String field, String connector, String value, String sourceTable, String sourceKey, long position) {
    }

    private static final class Rec {
        final RecordKey id;
        Map<String, Object> payload = new LinkedHashMap<>();
        Map<String, String> fieldSources = new TreeMap<>();
        Map<String, Object> sourceLineage = new TreeMap<>();
        String owner;
        boolean deleted;
        long version;
        Instant createdAt;
        boolean exists;
        Map<String, Object> lastLineage;
        boolean dirty;
        final Map<String, Offer> offers = new HashMap<>();

        Rec(RecordKey id) {
            this.id = id;
        }
    }

    /** One transaction's worth of state: links and records read once, written once. */
    private final class Batch {
        final Connection c;
        final AuthorityRules authority;
        final Instant now = clock.instant();
        final Map<LinkKey, Link> links = new HashMap<>();
        final Map<RecordKey, Rec> records = new HashMap<>();
        final List<Object[]> history = new ArrayList<>();
        final List<Object[]> conflicts = new ArrayList<>();
        final List<Object[]> offerRows = new ArrayList<>();
        final List<Object[]> outbox = new ArrayList<>();
        final List<Object[]> quarantineInserts = new ArrayList<>();
        final List<Object[]> quarantineUpdates = new ArrayList<>();
        final List<Object[]> quarantineResolutions = new ArrayList<>();
        final List<Supersede> supersede = new ArrayList<>();
        int applied;
        int unchanged;
        int duplicates;

        Batch(Connection c, AuthorityRules authority) {
            this.c = c;
            this.authority = authority;
        }

        Result run(List<Work> batch) throws SQLException {
            List<MappingOutcome.Normalised> changes = new ArrayList<>();
            for (Work w : batch) {
                if (w instanceof Work.Apply a) {
                    changes.add(a.change());
                }
            }
            long t0 = System.nanoTime();
            loadLinks(changes);
            long t1 = System.nanoTime();
            Set<RecordKey> keys = new LinkedHashSet<>();
            for (MappingOutcome.Normalised n : changes) {
                Link l = links.get(linkKey(n));
                if (n.recordKey() != null) {
                    keys.add(new RecordKey(n.kind(), n.recordKey()));
                }
                if (l != null) {
                    keys.add(new RecordKey(n.kind(), l.recordKey));
                }
            }
            lockAndLoad(keys);
            long t2 = System.nanoTime();
            for (Work w : batch) {
                if (w instanceof Work.Apply a) {
                    apply(a);
                } else if (w instanceof Work.Quarantine q) {
                    quarantine(q);
                } else if (w instanceof Work.Resolve r) {
                    quarantineResolutions.add(new Object[]{r.status(), Timestamp.from(now), r.by(), r.quarantineId()});
                }
            }
            long t3 = System.nanoTime();
            flush();
            if (TIMING.isDebugEnabled()) {
                TIMING.debug("links {} µs, lock+load {} µs, apply {} µs, flush {} µs", (t1 - t0) / 1000, (t2 - t1) / 1000, (t3 - t2) / 1000, (System.nanoTime() - t3) / 1000);
            }
            return new Result(applied, unchanged, duplicates, quarantineInserts.size() + quarantineUpdates.size(), conflicts.size());
        }

        private void apply(Work.Apply a) {
            MappingOutcome.Normalised n = a.change();
            SourceChange ch = n.change();
            LinkKey lk = linkKey(n);
            Link link = links.get(lk);
            if (link != null && link.lastPosition >= ch.position()) {
                duplicates++;
                if (a.quarantineId() != null) {
                    resolveReplay(a.quarantineId(), link.lastPosition > ch.position() ? "SUPERSEDED" : "REPLAYED");
                }
                return;
            }
            if (n.operation() == SourceChange.Operation.DELETE) {
                delete(n, link);
            } else {
                upsert(n, link);
            }
            Link updated = links.computeIfAbsent(lk, k -> new Link(null, 0, false));
            if (n.operation() == SourceChange.Operation.UPSERT || updated.recordKey == null) {
                updated.recordKey = n.recordKey() != null ? n.recordKey() : updated.recordKey;
            }
            updated.lastPosition = ch.position();
            updated.deleted = n.operation() == SourceChange.Operation.DELETE;
            updated.dirty = updated.recordKey != null;
            supersede.add(new Supersede(ch.connectorId(), ch.sourceTable(), protection.keyedHash(ch.sourceKey()), ch.position()));
            if (a.quarantineId() != null) {
                resolveReplay(a.quarantineId(), "REPLAYED");
            }
        }

        private void resolveReplay(long id, String status) {
            quarantineResolutions.add(new Object[]{status, Timestamp.from(now), "replay", id});
        }

        private void upsert(MappingOutcome.Normalised n, Link previousLink) {
            String connector = n.change().connectorId();
            String kind = n.kind();
            if (previousLink != null && previousLink.recordKey != null && !previousLink.recordKey.equals(n.recordKey())
                    && !previousLink.deleted) {
                // the source row's identifying field changed: the old canonical record lost its source
                Rec old = records.get(new RecordKey(kind, previousLink.recordKey));
                if (old != null && old.exists && !old.deleted && connector.equals(old.owner)) {
                    markDeleted(old, n);
                }
            }
            Rec rec = records.computeIfAbsent(new RecordKey(kind, n.recordKey()), Rec::new);
            if (!rec.exists && authority.isOwner(kind, connector)) {
                rec.owner = connector;
            }
            boolean owner = connector.equals(rec.owner);
            boolean writes = owner || (rec.exists && !rec.deleted && authority.ownsSomeField(kind, connector));
            boolean changed = false;
            for (Map.Entry<String, Object> f : n.fields().entrySet()) {
                String field = f.getKey();
                Object value = f.getValue();
                String auth = authority.authorityFor(kind, field, rec.owner);
                if (writes && connector.equals(auth)) {
                    if (!Objects.equals(rec.payload.get(field), value) || !rec.payload.containsKey(field)) {
                        rec.payload.put(field, value);
                        changed = true;
                        // the authoritative value may arrive after another source offered a different one
                        for (Offer o : rec.offers.values()) {
                            if (o.field().equals(field)) {
                                conflictIfDifferent(rec, auth, value, o);
                            }
                        }
                    }
                    rec.fieldSources.put(field, connector);
                } else if (!connector.equals(auth) && value != null) {
                    Offer o = new Offer(field, connector, text(value), n.change().sourceTable(), n.change().sourceKey(), n.change().position());
                    rec.offers.put(field + "/" + connector, o);
                    offerRows.add(new Object[]{kind, n.recordKey(), field, connector, o.value(), o.sourceTable(), o.sourceKey(), o.position(),
                            Timestamp.from(now)});
                    if (rec.exists) {
                        conflictIfDifferent(rec, auth, rec.payload.get(field), o);
                    }
                }
            }
            if (!writes) {
                unchanged++;
                return;
            }
            if (rec.deleted && owner) {
                rec.deleted = false;
                changed = true;
            }
            if (!rec.exists) {
                changed = true;
            }
            rec.sourceLineage.put(connector, lineageMap(n));
            if (!changed) {
                unchanged++;
                return;
            }
            // fails here (not at publication) when the merged record misses a field the schema requires
            CanonicalAvro.payload(kind, rec.payload);
            recordChange(rec, n, false);
        }

        private void conflictIfDifferent(Rec rec, String authority, Object authoritativeValue, Offer o) {
            if (authoritativeValue != null && !String.valueOf(authoritativeValue).equals(o.value())) {
                conflicts.add(new Object[]{rec.id.kind(), rec.id.key(), o.field(), authority, text(authoritativeValue), o.connector(),
                        o.sourceTable(), o.sourceKey(), o.position(), o.value(), Timestamp.from(now)});
            }
        }

        private void delete(MappingOutcome.Normalised n, Link link) {
            String key = link != null && link.recordKey != null ? link.recordKey : n.recordKey();
            Rec rec = key == null ? null : records.get(new RecordKey(n.kind(), key));
            // only the record's owner deletes it; another source going away only ends its offers
            if (rec == null || !rec.exists || rec.deleted || !n.change().connectorId().equals(rec.owner)) {
                unchanged++;
                return;
            }
            markDeleted(rec, n);
        }

        private void markDeleted(Rec rec, MappingOutcome.Normalised n) {
            rec.deleted = true;
            recordChange(rec, n, true);
        }

        private void recordChange(Rec rec, MappingOutcome.Normalised n, boolean delete) {
            SourceChange ch = n.change();
            rec.version++;
            rec.dirty = true;
            if (rec.createdAt == null) {
                rec.createdAt = now;
            }
            rec.exists = true;
            rec.lastLineage = lineageMap(n);
            applied++;
            history.add(new Object[]{rec.id.kind(), rec.id.key(), rec.version, delete ? "D" : "U", json(rec.payload),
                    ch.connectorId(), ch.sourceTable(), ch.sourceKey(), ch.position(), Timestamp.from(ch.capturedAt()),
                    Timestamp.from(now), n.mapping().id(), n.mapping().version(), Timestamp.from(now)});
            String changeId = rec.id.kind() + "/" + protection.keyedHash(rec.id.key()).substring(0, 24) + "/" + rec.version;
            Lineage lineage = Lineage.newBuilder()
                    .setConnectorId(ch.connectorId())
                    .setSourceUnit(unitOf(ch.connectorId()))
                    .setSourceTable(ch.sourceTable())
                    .setSourceKey(ch.sourceKey())
                    .setSourcePosition(ch.position())
                    .setCapturedAt(ch.capturedAt())
                    .setNormalisedAt(now)
                    .setMappingId(n.mapping().id())
                    .setMappingVersion(n.mapping().version())
                    .build();
            byte[] body = CanonicalAvro.encodeChange(changeId, rec.id.kind(), rec.id.key(), delete, rec.version, lineage,
                    rec.fieldSources, rec.payload);
            outbox.add(new Object[]{CanonicalAvro.address(rec.id.kind()), true, body,
                    json(Map.of("changeId", changeId, "kind", rec.id.kind(), "operation", delete ? "DELETE" : "UPSERT"))});
        }

        private String unitOf(String connectorId) {
            var def = config.get().connectors().get(connectorId);
            return def == null ? "" : def.unit();
        }

        private Map<String, Object> lineageMap(MappingOutcome.Normalised n) {
            SourceChange ch = n.change();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connectorId", ch.connectorId());
            m.put("sourceUnit", unitOf(ch.connectorId()));
            m.put("sourceTable", ch.sourceTable());
            m.put("sourceKey", ch.sourceKey());
            m.put("sourcePosition", ch.position());
            m.put("capturedAt", ch.capturedAt().toString());
            m.put("normalisedAt", now.toString());
            m.put("mappingId", n.mapping().id());
            m.put("mappingVersion", n.mapping().version());
            return m;
        }

        private void quarantine(Work.Quarantine q) {
            SourceChange ch = q.change();
            if (q.quarantineId() != null) {
                quarantineUpdates.add(new Object[]{q.reason(), Timestamp.from(now), q.quarantineId()});
                return;
            }
            quarantineInserts.add(new Object[]{ch.connectorId(), q.mapping() == null ? "" : q.mapping().id(),
                    q.mapping() == null ? null : q.mapping().version(), ch.sourceTable(), protection.keyedHash(ch.sourceKey()),
                    ch.position(), ch.operation() == SourceChange.Operation.DELETE ? "D" : "U", q.reason(),
                    protection.encrypt(codec.encode(ch)), Timestamp.from(now), Timestamp.from(now)});
        }

        private void loadLinks(List<MappingOutcome.Normalised> changes) throws SQLException {
            Set<LinkKey> wanted = new LinkedHashSet<>();
            changes.forEach(n -> wanted.add(linkKey(n)));
            if (wanted.isEmpty()) {
                return;
            }
            // one primary-key probe per key, see PROBES_NOT_SCANS
            try (PreparedStatement ps = c.prepareStatement("""
                    select k.connector_id, k.source_table, k.source_key, k.kind, l.record_key, l.last_position, l.deleted
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as k(connector_id, source_table, source_key, kind)
                    cross join lateral (select record_key, last_position, deleted from source_link s
                        where s.connector_id = k.connector_id and s.source_table = k.source_table
                            and s.source_key = k.source_key and s.kind = k.kind limit 1) l""")) {
                ps.setArray(1, array(wanted.stream().map(LinkKey::connector).toList()));
                ps.setArray(2, array(wanted.stream().map(LinkKey::table).toList()));
                ps.setArray(3, array(wanted.stream().map(LinkKey::sourceKey).toList()));
                ps.setArray(4, array(wanted.stream().map(LinkKey::kind).toList()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        links.put(new LinkKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                                new Link(rs.getString(5), rs.getLong(6), rs.getBoolean(7)));
                    }
                }
            }
        }

        private void lockAndLoad(Set<RecordKey> keys) throws SQLException {
            if (keys.isEmpty()) {
                return;
            }
            List<RecordKey> sorted = new ArrayList<>(keys);
            sorted.sort(Comparator.comparing(RecordKey::kind).thenComparing(RecordKey::key));
            List<String> kinds = sorted.stream().map(RecordKey::kind).toList();
            List<String> recordKeys = sorted.stream().map(RecordKey::key).toList();
            // lanes of different connectors may feed the same record: serialise on the key, in one order everywhere
            try (PreparedStatement ps = c.prepareStatement(
                    "select pg_advisory_xact_lock(hashtextextended(k.kd || '/' || k.rk, 0)) "
                            + "from unnest(?::text[], ?::text[]) with ordinality as k(kd, rk, n) order by n")) {
                ps.setArray(1, array(kinds));
                ps.setArray(2, array(recordKeys));
                ps.executeQuery().close();
            }
            // one primary-key probe per key, see PROBES_NOT_SCANS
            try (PreparedStatement ps = c.prepareStatement("""
                    select r.kind, r.record_key, r.payload::text, r.field_sources::text, r.source_lineage::text, r.deleted, r.version,
                        r.created_at, r.owner_connector
                    from unnest(?::text[], ?::text[]) as k(kind, record_key)
                    cross join lateral (select * from canonical_record c
                        where c.kind = k.kind and c.record_key = k.record_key limit 1) r""")) {
                ps.setArray(1, array(kinds));
                ps.setArray(2, array(recordKeys));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Rec r = new Rec(new RecordKey(rs.getString(1), rs.getString(2)));
                        r.payload = parse(rs.getString(3));
                        Map<String, Object> fs = parse(rs.getString(4));
                        fs.forEach((k, v) -> r.fieldSources.put(k, String.valueOf(v)));
                        r.sourceLineage = new TreeMap<>(parse(rs.getString(5)));
                        r.deleted = rs.getBoolean(6);
                        r.version = rs.getLong(7);
                        r.createdAt = rs.getTimestamp(8).toInstant();
                        r.owner = rs.getString(9);
                        r.exists = true;
                        records.put(r.id, r);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    select k.kind, k.record_key, o.field, o.connector_id, o.value, o.source_table, o.source_key, o.position
                    from unnest(?::text[], ?::text[]) as k(kind, record_key)
                    cross join lateral (select * from field_offer f where f.kind = k.kind and f.record_key = k.record_key) o""")) {
                ps.setArray(1, array(kinds));
                ps.setArray(2, array(recordKeys));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Rec r = records.computeIfAbsent(new RecordKey(rs.getString(1), rs.getString(2)), Rec::new);
                        r.offers.put(rs.getString(3) + "/" + rs.getString(4), new Offer(rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8)));
                    }
                }
            }
        }

        private void flush() throws SQLException {
            List<Object[]> recordRows = new ArrayList<>();
            for (Rec r : records.values()) {
                if (!r.dirty) {
                    continue;
                }
                Map<String, Object> l = r.lastLineage;
                recordRows.add(new Object[]{r.id.kind(), r.id.key(), json(r.payload), json(r.fieldSources), json(r.sourceLineage), r.owner,
                        r.deleted, r.version, l.get("connectorId"), l.get("sourceTable"), l.get("sourceKey"), l.get("sourcePosition"),
                        Timestamp.from(Instant.parse((String) l.get("capturedAt"))), Timestamp.from(now), l.get("mappingId"),
                        l.get("mappingVersion"), Timestamp.from(r.createdAt), Timestamp.from(now)});
            }
            batch("""
                    insert into canonical_record (kind, record_key, payload, field_sources, source_lineage, owner_connector, deleted,
                        version, connector_id, source_table, source_key, source_position, captured_at, normalised_at, mapping_id,
                        mapping_version, created_at, updated_at)
                    values (?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (kind, record_key) do update set payload = excluded.payload, field_sources = excluded.field_sources,
                        source_lineage = excluded.source_lineage, deleted = excluded.deleted, version = excluded.version,
                        connector_id = excluded.connector_id, source_table = excluded.source_table, source_key = excluded.source_key,
                        source_position = excluded.source_position, captured_at = excluded.captured_at,
                        normalised_at = excluded.normalised_at, mapping_id = excluded.mapping_id,
                        mapping_version = excluded.mapping_version, updated_at = excluded.updated_at""", recordRows);
            batch("""
                    insert into canonical_history (kind, record_key, version, operation, payload, connector_id, source_table,
                        source_key, source_position, captured_at, normalised_at, mapping_id, mapping_version, recorded_at)
                    values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", history);
            List<Object[]> linkRows = new ArrayList<>();
            links.forEach((k, l) -> {
                if (l.dirty) {
                    linkRows.add(new Object[]{k.connector(), k.table(), k.sourceKey(), k.kind(), l.recordKey, l.lastPosition, l.deleted, Timestamp.from(now)});
                }
            });
            batch("""
                    insert into source_link (connector_id, source_table, source_key, kind, record_key, last_position, deleted, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (connector_id, source_table, source_key, kind) do update set record_key = excluded.record_key,
                        last_position = excluded.last_position, deleted = excluded.deleted, updated_at = excluded.updated_at""", linkRows);
            batch("""
                    insert into field_conflict (kind, record_key, field, authoritative_connector, authoritative_value, offered_connector,
                        offered_source_table, offered_source_key, offered_position, offered_value, detected_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", conflicts);
            batch("""
                    insert into field_offer (kind, record_key, field, connector_id, value, source_table, source_key, position, offered_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (kind, record_key, field, connector_id) do update set value = excluded.value,
                        source_table = excluded.source_table, source_key = excluded.source_key, position = excluded.position,
                        offered_at = excluded.offered_at""", offerRows);
            batch("insert into outbox (address, multicast, body, properties) values (?, ?, ?, ?::jsonb)", outbox);
            batch("""
                    insert into quarantine (connector_id, mapping_id, mapping_version, source_table, source_key_hash, source_position,
                        operation, reason, payload_enc, first_seen_at, last_attempt_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", quarantineInserts);
            batch("update quarantine set reason = ?, attempts = attempts + 1, last_attempt_at = ? where id = ?", quarantineUpdates);
            batch("update quarantine set status = ?, resolved_at = ?, resolved_by = ?, attempts = attempts + 1 where id = ? and status = 'PENDING'",
                    quarantineResolutions);
            supersede(now);
        }

        /**
         * Marks pending quarantine entries SUPERSEDED that an applied change of the same source row overtook: one
         * statement for the batch (one per change cost more than the writes).
         */
        private void supersede(Instant at) throws SQLException {
            if (supersede.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    update quarantine q set status = 'SUPERSEDED', resolved_at = ?, resolved_by = 'newer source change'
                    from unnest(?::text[], ?::text[], ?::text[], ?::bigint[]) as s(connector_id, source_table, source_key_hash, source_position)
                    where q.connector_id = s.connector_id and q.source_table = s.source_table and q.source_key_hash = s.source_key_hash
                        and q.source_position < s.source_position and q.status = 'PENDING'""")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setArray(2, array(supersede.stream().map(Supersede::connectorId).toList()));
                ps.setArray(3, array(supersede.stream().map(Supersede::sourceTable).toList()));
                ps.setArray(4, array(supersede.stream().map(Supersede::sourceKeyHash).toList()));
                ps.setArray(5, c.createArrayOf("bigint", supersede.stream().map(Supersede::position).toArray()));
                ps.executeUpdate();
            }
        }

        private void batch(String sql, List<Object[]> rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        private Array array(List<String> values) throws SQLException {
            return c.createArrayOf("text", values.toArray());
        }

        private LinkKey linkKey(MappingOutcome.Normalised n) {
            return new LinkKey(n.change().connectorId(), n.change().sourceTable(), n.change().sourceKey(), n.kind());
        }
    }

    private static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical values are plain JSON", e);
        }
    }

    static Map<String, Object> parse(String json) {
        try {
            return new LinkedHashMap<>(JSON.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical JSON is unreadable", e);
        }
    }
}
