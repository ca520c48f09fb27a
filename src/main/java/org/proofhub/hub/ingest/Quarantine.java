package org.proofhub.hub.ingest;

import java.time.Instant;
import java.util.List;

/** Source changes that failed mapping or validation, with their reasons; replaying them after a fix. */
public interface Quarantine {

    /** An entry as operators see it: the source key masked, no payload. */
    record Entry(long id, String connectorId, String mappingId, Integer mappingVersion, String sourceTable,
                 String sourceKey, long sourcePosition, String operation, String reason, String status, int attempts,
                 Instant firstSeenAt, Instant lastAttemptAt, Instant resolvedAt, String resolvedBy) {
    }

    record ReplayResult(int requested, int replayed, int superseded, int discarded, int stillFailing, List<Entry> failing) {
    }

    List<Entry> list(String connectorId, String status, int limit);

    ReplayResult replay(List<Long> ids, String by);

    ReplayResult replayConnector(String connectorId, String by);

    void discard(long id, String by);
}
