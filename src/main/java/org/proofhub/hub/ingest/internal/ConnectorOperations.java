package org.proofhub.hub.ingest.internal;

import java.util.List;
import java.util.Map;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.ingest.ConnectorStatus;
import org.proofhub.hub.ingest.Connectors;
import org.proofhub.hub.ingest.IngestConfig;
import org.proofhub.hub.platform.HubException;
import org.springframework.stereotype.Component;

/** The connectors' state from the Camel routes, the lanes' metrics and the quarantine; pausing and resuming. */
@Component
class ConnectorOperations implements Connectors {
    private final ConnectorRuntime runtime;
    private final IngestService ingest;
    private final IngestMetrics metrics;
    private final QuarantineService quarantine;
    private final IngestGauges gauges;
    private final SourceBacklog backlog;

    ConnectorOperations(ConnectorRuntime runtime, IngestService ingest, IngestMetrics metrics, QuarantineService quarantine, IngestGauges gauges,
                        SourceBacklog backlog) {
        this.backlog = backlog;
        this.runtime = runtime;
        this.ingest = ingest;
        this.metrics = metrics;
        this.quarantine = quarantine;
        this.gauges = gauges;
    }

    @Override
    public List<ConnectorStatus> statuses() {
        Map<String, Long> pending = quarantine.pendingByConnector();
        return ingest.config().connectors().values().stream().map(c -> status(c, pending)).toList();
    }

    @Override
    public java.util.Set<String> ids() {
        return ingest.config().connectors().keySet();
    }

    @Override
    public ConnectorStatus status(String connectorId) {
        return status(definition(connectorId), quarantine.pendingByConnector());
    }

    @Override
    public void pause(String connectorId) {
        definition(connectorId);
        try {
            runtime.pause(connectorId);
        } catch (Exception e) {
            throw HubException.conflict("pause-failed", "connector " + connectorId + " could not be paused: " + e.getMessage());
        }
    }

    @Override
    public void resume(String connectorId) {
        definition(connectorId);
        try {
            runtime.resume(connectorId);
        } catch (Exception e) {
            throw HubException.conflict("resume-failed", "connector " + connectorId + " could not be resumed: " + e.getMessage());
        }
    }

    /**
     * Makes a reloaded, validated configuration the running one: mappings, code tables and authority rules at once;
     * connectors added, removed, disabled or changed in their files started, stopped or restarted.
     */
    void apply(IngestConfig next) {
        ingest.use(next);
        gauges.register(next);
        try {
            runtime.apply(next);
        } catch (Exception e) {
            throw HubException.conflict("connectors-not-applied", "the configuration is in use, but the connectors could not all be "
                    + "started or stopped: " + e.getMessage() + "; see GET /api/ingest/connectors");
        }
    }

    private ConnectorStatus status(ConnectorDefinition c, Map<String, Long> pending) {
        return new ConnectorStatus(c.id(), c.title(), c.unit(), c.type(), c.enabled(), runtime.status(c.id()),
                metrics.lastEvent(c.id()), metrics.lastSourceCommit(c.id()), metrics.lagMs(c.id()), ingest.queued(c.id()),
                ingest.lastError(c.id()), pending.getOrDefault(c.id(), 0L), metrics.count(c.id(), "received"),
                metrics.count(c.id(), "applied"), metrics.count(c.id(), "quarantined"), metrics.count(c.id(), "duplicate"), c.mappings(),
                runtime.isPaused(c.id()), runtime.runsOn(c.id()).orElse(null), backlog.behindBytes(c.id()), backlog.lastRead(c.id()));
    }

    ConnectorDefinition definition(String id) {
        ConnectorDefinition c = ingest.config().connectors().get(id);
        if (c == null) {
            throw HubException.notFound("connector", "no connector '" + id + "'; known: " + ingest.config().connectors().keySet());
        }
        return c;
    }
}
