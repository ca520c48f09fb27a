package org.proofhub.hub.ingest;

import java.time.Instant;
import java.util.List;

/** A connector's state as operators see it: running or not, how far behind, what failed, what waits in quarantine. */
public record ConnectorStatus(String id, String title, String unit, String type, boolean enabled, String state,
                              Instant lastEventAt, Instant lastSourceCommitAt, Long lagMs, int queued, String lastError,
                              long quarantinePending, double received, double applied, double quarantined, double duplicates,
                              List<String> mappings) {
}
