package org.proofhub.hub.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One row change as a source delivered it, before normalisation: the same shape whatever the
 * connector (CDC, JDBC poll, file drop).
 *
 * @param connectorId the connector file's id
 * @param sourceTable schema.table, or the stream name of a file drop
 * @param sourceKey   the source row's primary key as text (several columns joined by {@code |})
 * @param position    where in the source's change stream this change stands; grows for a row
 * @param operation   upsert (insert, update, snapshot read) or delete
 * @param capturedAt  when the source committed or exported the change
 * @param values      column name to value; for a delete, what the source still tells of the row (often only the key)
 */
public record SourceChange(String connectorId, String sourceTable, String sourceKey, long position,
                           Operation operation, Instant capturedAt, Map<String, Object> values) {
    public SourceChange {
        Objects.requireNonNull(connectorId, "connectorId");
        Objects.requireNonNull(sourceTable, "sourceTable");
        Objects.requireNonNull(sourceKey, "sourceKey");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(values, "values");
    }

    public enum Operation { UPSERT, DELETE }
}
