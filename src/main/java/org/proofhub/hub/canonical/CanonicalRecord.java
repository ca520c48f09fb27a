package org.proofhub.hub.canonical;

import java.time.Instant;
import java.util.Map;

/**
 * The current state of one canonical record with its lineage.
 *
 * @param payload       canonical field values (dates as ISO text, enums as symbols)
 * @param fieldSources  field name to the connector that is its authoritative source
 * @param sourceLineage connector id to the lineage of the last change it contributed
 * @param ownerConnector the connector that owns the record (its authoritative source)
 * @param lineage       lineage of the change that produced this version
 */
public record CanonicalRecord(String kind, String key, Map<String, Object> payload, Map<String, String> fieldSources,
                              Map<String, Map<String, Object>> sourceLineage, String ownerConnector, boolean deleted, long version,
                              Map<String, Object> lineage, Instant createdAt, Instant updatedAt) {
}
