package org.proofhub.hub.ingest;

import java.util.List;

/** Operating the department sources: their state, pausing and resuming them. */
public interface Connectors {

    List<ConnectorStatus> statuses();

    /** The ids of the configured connectors (each one's Camel route has its id), without reading their state. */
    default java.util.Set<String> ids() {
        return statuses().stream().map(ConnectorStatus::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    ConnectorStatus status(String connectorId);

    /** Stops the connector's route; its position is kept and it resumes where it stopped. */
    void pause(String connectorId);

    void resume(String connectorId);
}
