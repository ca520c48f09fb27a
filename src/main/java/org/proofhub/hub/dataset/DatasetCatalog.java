package org.proofhub.hub.dataset;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.proofhub.hub.canonical.CanonicalSchemas;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.ingest.IngestConfig;
import org.proofhub.hub.ingest.MappingDefinition;
import org.proofhub.hub.ingest.IngestPipeline;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The data catalog (数据目录, SPEC 2.5; seed 004 art. 14, 16): one entry per shared data set, taken
 * from the mappings that declare a {@code dataset}, with its quality measured on the canonical store.
 */
@Service
public class DatasetCatalog {
    private final IngestPipeline ingest;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public DatasetCatalog(IngestPipeline ingest, JdbcTemplate jdbc, Clock clock) {
        this.ingest = ingest;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A catalog entry: what the data set is, where it comes from and how it may be shared. */
    public record Dataset(String id, String name, String content, String kind, String sourceConnector, String sourceTitle,
                          String sourceUnit, String sharing, String open, String updateCycle, List<Field> fields, Quality quality) {
    }

    public record Field(String name, String sourceColumn, boolean personal, boolean required) {
    }

    /**
     * @param records      current (not deleted) records of the data set's kind fed by its source
     * @param completeness share of mapped fields that hold a value, over those records (0..1)
     * @param lastChangeAt when the source last changed a record
     * @param fresh        whether that is within the update cycle
     * @param rejectedPending quarantined changes waiting for a fix
     * @param rejectedTotal   changes ever quarantined
     */
    public record Quality(long records, double completeness, Map<String, Double> fieldCompleteness, Instant lastChangeAt,
                          boolean fresh, long rejectedPending, long rejectedTotal) {
    }

    public List<Dataset> datasets() {
        IngestConfig config = ingest.config();
        List<Dataset> out = new ArrayList<>();
        for (MappingDefinition m : config.mappings().values()) {
            if (m.dataset() != null) {
                out.add(describe(config, m));
            }
        }
        return out;
    }

    public Dataset dataset(String id) {
        MappingDefinition m = ingest.config().mappings().get(id);
        return m == null || m.dataset() == null ? null : describe(ingest.config(), m);
    }

    private Dataset describe(IngestConfig config, MappingDefinition m) {
        ConnectorDefinition c = config.connectors().get(m.connector());
        String kind = m.target().kind();
        Set<String> personal = CanonicalSchemas.personalFields(kind);
        List<String> required = CanonicalSchemas.requiredFields(kind);
        List<Field> fields = new ArrayList<>();
        m.fields().forEach((name, rule) -> fields.add(new Field(name, rule.from(), personal.contains(name),
                rule.isRequired() || required.contains(name))));
        return new Dataset(m.id(), m.dataset().name(), m.dataset().content(), kind, c.id(), c.title(), c.unit(),
                m.dataset().sharing(), m.dataset().open(), m.dataset().updateCycle(), fields, quality(m, kind));
    }

    private Quality quality(MappingDefinition m, String kind) {
        List<String> names = new ArrayList<>(m.fields().keySet());
        StringBuilder sql = new StringBuilder("select count(*), max(updated_at)");
        for (int i = 0; i < names.size(); i++) {
            sql.append(", count(payload ->> ?)");
        }
        sql.append(" from canonical_record where kind = ? and not deleted and jsonb_exists(source_lineage, ?)");
        List<Object> args = new ArrayList<>(names);
        args.add(kind);
        args.add(m.connector());
        Map<String, Double> perField = new LinkedHashMap<>();
        long[] records = new long[1];
        Instant[] last = new Instant[1];
        jdbc.query(sql.toString(), rs -> {
            records[0] = rs.getLong(1);
            last[0] = rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant();
            for (int i = 0; i < names.size(); i++) {
                perField.put(names.get(i), records[0] == 0 ? 0.0 : (double) rs.getLong(3 + i) / records[0]);
            }
        }, args.toArray());
        double completeness = perField.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        Map<String, Object> rejected = jdbc.queryForMap(
                "select count(*) filter (where status = 'PENDING') as pending, count(*) as total from quarantine where connector_id = ? and mapping_id = ?",
                m.connector(), m.id());
        boolean fresh = last[0] != null && Duration.between(last[0], clock.instant()).compareTo(expected(m.dataset().updateCycle())) <= 0;
        return new Quality(records[0], Math.round(completeness * 10_000) / 10_000.0, perField, last[0], fresh,
                ((Number) rejected.get("pending")).longValue(), ((Number) rejected.get("total")).longValue());
    }

    /** How old the newest change may be before a data set counts as stale: twice its update cycle. */
    static Duration expected(String cycle) {
        return switch (cycle) {
            case "REAL_TIME" -> Duration.ofHours(1);
            case "HOURLY" -> Duration.ofHours(2);
            case "DAILY" -> Duration.ofDays(2);
            case "WEEKLY" -> Duration.ofDays(14);
            default -> Duration.ofDays(62);
        };
    }
}
