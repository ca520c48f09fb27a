package org.proofhub.hub.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.proofhub.hub.account.HubUser;
import org.proofhub.hub.audit.AuditLog;
import org.proofhub.hub.canonical.CanonicalRecord;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.canonical.CanonicalSchemas;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.ingest.IngestPipeline;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Citizens' objections (异议) to a shared value (SPEC 2.5): recorded, and sent to the queue of the
 * department that is the field's authoritative source ({@code dept.<unit>.objections}), which
 * corrects its own data; the correction then flows back through its connector.
 */
@Service
public class Objections {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final IngestPipeline ingest;
    private final CanonicalRecords records;
    private final DataProtection protection;
    private final AuditLog audit;
    private final Clock clock;

    public Objections(JdbcTemplate jdbc, IngestPipeline ingest, CanonicalRecords records, DataProtection protection,
                      AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.ingest = ingest;
        this.records = records;
        this.protection = protection;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the applicant disputes. */
    public record Objection(String kind, String recordKey, String field, String claimedValue, String reason) {
    }

    /** A recorded objection, as listed to integrators (no record key in clear). */
    public record Recorded(long id, String kind, String field, String sourceConnector, String sourceUnit, String address,
                           String status, String raisedBy, String raisedUnit, Instant raisedAt) {
    }

    public static String address(String unit) {
        return "dept." + unit + ".objections";
    }

    @Transactional
    public Recorded raise(Objection o, HubUser by) {
        if (!CanonicalSchemas.kinds().contains(o.kind())) {
            throw HubException.badRequest("unknown-kind", "unknown record kind '" + o.kind() + "'; known: " + CanonicalSchemas.kinds());
        }
        if (CanonicalSchemas.fieldType(o.kind(), o.field()) == null) {
            throw HubException.badRequest("unknown-field", o.kind() + " has no field '" + o.field() + "'");
        }
        if (o.reason() == null || o.reason().isBlank()) {
            throw HubException.badRequest("reason-required", "say why the value is wrong (异议理由)");
        }
        CanonicalRecord r = records.find(o.kind(), o.recordKey())
                .orElseThrow(() -> HubException.notFound("record", "no " + o.kind() + " with that key in the shared data"));
        String connectorId = r.fieldSources().getOrDefault(o.field(), ingest.config().authority().authorityFor(o.kind(), o.field(), r.ownerConnector()));
        ConnectorDefinition source = ingest.config().connectors().get(connectorId);
        String unit = source == null ? "UNKNOWN" : source.unit();
        Instant now = clock.instant();
        String keyHash = protection.keyedHash(o.recordKey());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("""
                    insert into dataset_objection (kind, record_key_hash, record_key, field, source_connector, claimed_value, reason,
                        raised_by, raised_unit, raised_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[]{"id"});
            ps.setString(1, o.kind());
            ps.setString(2, keyHash);
            ps.setString(3, o.recordKey());
            ps.setString(4, o.field());
            ps.setString(5, connectorId);
            ps.setString(6, o.claimedValue());
            ps.setString(7, o.reason());
            ps.setString(8, by.username());
            ps.setString(9, by.unitCode());
            ps.setTimestamp(10, Timestamp.from(now));
            return ps;
        }, key);
        long id = key.getKey().longValue();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("objectionId", id);
        message.put("kind", o.kind());
        message.put("recordKey", o.recordKey());
        message.put("field", o.field());
        message.put("currentValue", r.payload().get(o.field()));
        message.put("claimedValue", o.claimedValue());
        message.put("reason", o.reason());
        message.put("lineage", r.sourceLineage().get(connectorId));
        message.put("raisedBy", by.username());
        message.put("raisedUnit", by.unitCode());
        message.put("raisedAt", now.toString());
        jdbc.update("insert into outbox (address, multicast, body, properties) values (?, false, ?, ?::jsonb)",
                address(unit), json(message).getBytes(StandardCharsets.UTF_8),
                json(Map.of("type", "objection", "objectionId", String.valueOf(id), "changeId", "objection-" + id)));
        audit.append(new AuditLog.Entry(by.username(), by.unitCode(), "OBJECTION_RAISED", keyHash, o.reason(),
                Map.of("objection", id, "kind", o.kind(), "field", o.field(), "sentTo", address(unit))));
        return new Recorded(id, o.kind(), o.field(), connectorId, unit, address(unit), "SENT", by.username(), by.unitCode(), now);
    }

    public List<Recorded> list(int limit) {
        return jdbc.query("""
                select id, kind, field, source_connector, status, raised_by, raised_unit, raised_at from dataset_objection
                order by id desc limit ?""", (rs, i) -> {
            ConnectorDefinition c = ingest.config().connectors().get(rs.getString(4));
            String unit = c == null ? "UNKNOWN" : c.unit();
            return new Recorded(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), unit, address(unit),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
        }, limit);
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
