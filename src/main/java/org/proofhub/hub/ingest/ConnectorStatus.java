package org.proofhub.hub.ingest;

import java.time.Instant;
import java.util.List;

/**
 * A connector's state as operators see it: running or not, how far behind, what failed, what waits in quarantine.
 * {@code state} is "Standby" on an instance while another hub instance ({@code runsOn}) runs the connector; the
 * counts and lag are this instance's. {@code paused}: an operator paused it, for every instance. {@code lagMs} is
 * measured on the changes received; how far the connector is behind its source seen from the source's side — for
 * a stuck connector that receives nothing — is {@code sourceBehindBytes} (CDC: WAL bytes its replication slot has not
 * confirmed, asked every 15 s; null when unknown) and {@code sourceReadAt} (jdbc-poll: when a poll last read the source
 * to its end).
 */
public record ConnectorStatus(String id, String title, String unit, String type, boolean enabled, String state,
                              Instant lastEventAt, Instant lastSourceCommitAt, Long lagMs, int queued, String lastError,
                              long quarantinePending, double received, double applied, double quarantined, double duplicates,
                              List<String> mappings, boolean paused, String runsOn, Long sourceBehindBytes, Instant sourceReadAt) {

    /** The state of an enabled connector that another hub instance runs. */
    public static final String STANDBY = "Standby";

    /** Running here, or running on another instance, or disabled: nothing for this instance to report as down. */
    public boolean upOrElsewhere() {
        return upOrElsewhere(enabled, state);
    }

    /** {@link #upOrElsewhere()} of a connector known by its state alone (e.g. for a gauge). */
    public static boolean upOrElsewhere(boolean enabled, String state) {
        return !enabled || "Started".equals(state) || STANDBY.equals(state);
    }
}
