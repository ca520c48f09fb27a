package org.proofhub.hub.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Reads the canonical store: current records, their history, counts. Writes belong to ingest. */
@Service
public class CanonicalRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    private final JdbcTemplate jdbc;
    private final Map<String, String> findBy = new java.util.concurrent.ConcurrentHashMap<>();

    public CanonicalRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CanonicalRecord> find(String kind, String key) {
        List<CanonicalRecord> r = jdbc.query("""
                select kind, record_key, payload::text, field_sources::text, source_lineage::text, deleted, version,
                       connector_id, source_table, source_key, source_position, captured_at, normalised_at, mapping_id,
                       mapping_version, created_at, updated_at, owner_connector
                from canonical_record where kind = ? and record_key = ?""", this::map, kind, key);
        return r.stream().findFirst();
    }

    /**
     * Records of {@code kind} whose field {@code field} equals {@code value} (e.g. credit records by subject). The kind and the
     * field name are written into the statement, one statement per pair: a cached generic plan then sees them and uses the
     * expression indexes on {@code payload ->> 'field'} (V4, V7), which a parameter for either would hide from it.
     */
    public List<CanonicalRecord> findBy(String kind, String field, String value) {
        String sql = findBy.computeIfAbsent(kind + "/" + field, k -> """
                select kind, record_key, payload::text, field_sources::text, source_lineage::text, deleted, version,
                       connector_id, source_table, source_key, source_position, captured_at, normalised_at, mapping_id,
                       mapping_version, created_at, updated_at, owner_connector
                from canonical_record where kind = '%s' and payload ->> '%s' = ? order by record_key""".formatted(name(kind), name(field)));
        return jdbc.query(sql, this::map, value);
    }

    /** A kind or field name as configuration gives it; anything else never reaches SQL text. */
    private static String name(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a kind or field name: " + name);
        }
        return name;
    }

    public List<HistoryEntry> history(String kind, String key) {
        return jdbc.query("""
                select version, operation, payload::text, connector_id, source_table, source_key, source_position,
                       captured_at, normalised_at, mapping_id, mapping_version
                from canonical_history where kind = ? and record_key = ? order by version""",
                (rs, i) -> new HistoryEntry(rs.getLong(1), "D".equals(rs.getString(2)), parse(rs.getString(3)),
                        lineage(rs, 4)), kind, key);
    }

    public long count(String kind, boolean includeDeleted) {
        Long n = jdbc.queryForObject("select count(*) from canonical_record where kind = ?" + (includeDeleted ? "" : " and not deleted"),
                Long.class, kind);
        return n == null ? 0 : n;
    }

    /** One applied change of a record. */
    public record HistoryEntry(long version, boolean deleted, Map<String, Object> payload, Map<String, Object> lineage) {
    }

    private CanonicalRecord map(ResultSet rs, int row) throws SQLException {
        Map<String, String> fieldSources = new LinkedHashMap<>();
        parse(rs.getString(4)).forEach((k, v) -> fieldSources.put(k, String.valueOf(v)));
        Map<String, Map<String, Object>> sourceLineage = new LinkedHashMap<>();
        parse(rs.getString(5)).forEach((k, v) -> sourceLineage.put(k, castMap(v)));
        return new CanonicalRecord(rs.getString(1), rs.getString(2), parse(rs.getString(3)), fieldSources, sourceLineage,
                rs.getString(18), rs.getBoolean(6), rs.getLong(7), lineage(rs, 8), rs.getTimestamp(16).toInstant(), rs.getTimestamp(17).toInstant());
    }

    private static Map<String, Object> lineage(ResultSet rs, int from) throws SQLException {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("connectorId", rs.getString(from));
        l.put("sourceTable", rs.getString(from + 1));
        l.put("sourceKey", rs.getString(from + 2));
        l.put("sourcePosition", rs.getLong(from + 3));
        l.put("capturedAt", rs.getTimestamp(from + 4).toInstant().toString());
        l.put("normalisedAt", rs.getTimestamp(from + 5).toInstant().toString());
        l.put("mappingId", rs.getString(from + 6));
        l.put("mappingVersion", rs.getInt(from + 7));
        return l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object v) {
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical JSON is unreadable", e);
        }
    }
}
