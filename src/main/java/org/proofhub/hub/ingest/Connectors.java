package org.proofhub.hub.ingest;

import java.util.List;

/** Operating the department sources: their state, pausing and resuming them. */
public interface Connectors {

    List<ConnectorStatus> statuses();

    ConnectorStatus status(String connectorId);

    /** Stops the connector's route; its position is kept and it resumes where it stopped. */
    void pause(String connectorId);

    void resume(String connectorId);
}
