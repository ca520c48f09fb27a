package org.proofhub.hub.ingest.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.proofhub.hub.ingest.SourceChange;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.platform.Masking;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The quarantine: source changes that failed mapping or validation, kept encrypted with their reason.
 * A replay runs them through the current mappings again, through the connector's own lane, so a
 * replay and live changes of the same row stay in order; replaying twice applies nothing twice.
 */
public final class QuarantineService implements org.proofhub.hub.ingest.Quarantine {
    private final JdbcTemplate jdbc;
    private final IngestService ingest;
    private final DataProtection protection;
    private final QuarantineCodec codec;
    private final Clock clock;

    QuarantineService(JdbcTemplate jdbc, IngestService ingest, DataProtection protection, QuarantineCodec codec, Clock clock) {
        this.jdbc = jdbc;
        this.ingest = ingest;
        this.protection = protection;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public List<Entry> list(String connectorId, String status, int limit) {
        StringBuilder sql = new StringBuilder("""
                select id, connector_id, mapping_id, mapping_version, source_table, payload_enc, source_position, operation, reason,
                       status, attempts, first_seen_at, last_attempt_at, resolved_at, resolved_by from quarantine where true""");
        List<Object> args = new ArrayList<>();
        if (connectorId != null) {
            sql.append(" and connector_id = ?");
            args.add(connectorId);
        }
        if (status != null) {
            sql.append(" and status = ?");
            args.add(status);
        }
        sql.append(" order by id limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> {
            SourceChange ch = codec.decode(protection.decrypt(rs.getBytes(6)));
            return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), (Integer) rs.getObject(4), rs.getString(5),
                    Masking.maskIdentifiers(ch.sourceKey()), rs.getLong(7), rs.getString(8), rs.getString(9), rs.getString(10),
                    rs.getInt(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)), rs.getString(15));
        }, args.toArray());
    }

    public Map<String, Long> pendingByConnector() {
        Map<String, Long> out = new java.util.TreeMap<>();
        jdbc.query("select connector_id, count(*) from quarantine where status = 'PENDING' group by connector_id",
                rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    /** Replays the given pending entries with the current mappings. */
    @Override
    public ReplayResult replay(List<Long> ids, String by) {
        List<Long> pending = jdbc.queryForList("select id from quarantine where status = 'PENDING' and id = any(?) order by id",
                Long.class, (Object) ids.toArray(Long[]::new));
        return run(pending, by);
    }

    /** Replays every pending entry of a connector. */
    @Override
    public ReplayResult replayConnector(String connectorId, String by) {
        return run(jdbc.queryForList("select id from quarantine where status = 'PENDING' and connector_id = ? order by id",
                Long.class, connectorId), by);
    }

    @Override
    public void discard(long id, String by) {
        int n = jdbc.update("update quarantine set status = 'DISCARDED', resolved_at = ?, resolved_by = ? where id = ? and status = 'PENDING'",
                Timestamp.from(clock.instant()), by, id);
        if (n == 0) {
            throw HubException.notFound("quarantine-entry", "no pending quarantine entry " + id);
        }
    }

    private ReplayResult run(List<Long> ids, String by) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (Long id : ids) {
            Map<String, Object> row = jdbc.queryForMap("select connector_id, mapping_id, payload_enc from quarantine where id = ?", id);
            SourceChange ch = codec.decode(protection.decrypt((byte[]) row.get("payload_enc")));
            List<Work> work = ingest.toWork(ch, (String) row.get("mapping_id"), id);
            futures.add(ingest.submit((String) row.get("connector_id"), work));
        }
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HttpStatus.SERVICE_UNAVAILABLE, "replay-interrupted", "Replay interrupted", "the replay was interrupted; run it again");
        } catch (ExecutionException | TimeoutException e) {
            throw new HubException(HttpStatus.SERVICE_UNAVAILABLE, "replay-incomplete", "Replay incomplete",
                    "the replay did not finish: " + e.getMessage() + "; run it again, nothing is applied twice", e);
        }
        if (ids.isEmpty()) {
            return new ReplayResult(0, 0, 0, 0, 0, List.of());
        }
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.query("select status, count(*) from quarantine where id = any(?) group by status",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, (Object) ids.toArray(Long[]::new));
        List<Entry> failing = list(null, "PENDING", 10_000).stream().filter(e -> ids.contains(e.id())).toList();
        return new ReplayResult(ids.size(), counts.getOrDefault("REPLAYED", 0L).intValue(), counts.getOrDefault("SUPERSEDED", 0L).intValue(),
                counts.getOrDefault("DISCARDED", 0L).intValue(), counts.getOrDefault("PENDING", 0L).intValue(), failing);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
