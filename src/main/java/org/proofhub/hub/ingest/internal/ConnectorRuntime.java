package org.proofhub.hub.ingest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.ingest.ConnectorType;
import org.proofhub.hub.ingest.IngestConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns connector files into running Camel routes: each connector type is loaded as a route
 * template (Kamelet format), each enabled connector instance becomes a route made from its type's
 * template with the instance's properties. Routes can be stopped and started by id (pause / resume).
 */
public final class ConnectorRuntime {
    private static final Logger log = LoggerFactory.getLogger(ConnectorRuntime.class);

    private volatile CamelContext camel;
    private final IngestService ingest;
    private final DataSource hubDataSource;
    private final JdbcPollAdapter jdbcPoll;

    ConnectorRuntime(IngestService ingest, DataSource hubDataSource, JdbcPollAdapter jdbcPoll) {
        this.ingest = ingest;
        this.hubDataSource = hubDataSource;
        this.jdbcPoll = jdbcPoll;
    }

    /** Registers every connector type as a template and adds a route for every enabled connector. */
    void install(CamelContext camel, IngestConfig config, boolean start) throws Exception {
        this.camel = camel;
        for (ConnectorType type : config.types().values()) {
            Resource r = ResourceHelper.fromString(type.id() + ".kamelet.yaml", type.yaml());
            PluginHelper.getRoutesLoader(camel).loadRoutes(r);
        }
        if (!start) {
            return;
        }
        for (ConnectorDefinition c : config.connectors().values()) {
            if (c.enabled()) {
                add(c);
            }
        }
    }

    private void add(ConnectorDefinition c) throws Exception {
        HubOffsetBackingStore.bind(c.id(), new HubOffsetBackingStore.Binding(hubDataSource, ingest));
        Map<String, Object> parameters = new LinkedHashMap<>(c.properties());
        TemplatedRouteBuilder.builder(camel, c.type())
                .routeId(c.id())
                .parameters(parameters)
                .add();
        log.info("connector {} ({}) installed as route from template {}", c.id(), c.title(), c.type());
    }

    public List<String> connectorIds() {
        return ingest.config().connectors().keySet().stream().toList();
    }

    /** Started, Stopped, Suspended ... or "NotInstalled" for a disabled connector. */
    public String status(String connectorId) {
        if (camel == null) {
            return "NotInstalled";
        }
        Route route = camel.getRoute(connectorId);
        if (route == null) {
            return "NotInstalled";
        }
        ServiceStatus s = camel.getRouteController().getRouteStatus(connectorId);
        return s == null ? "Unknown" : s.name();
    }

    public boolean isRunning(String connectorId) {
        return "Started".equals(status(connectorId));
    }

    public void pause(String connectorId) throws Exception {
        requireRoute(connectorId);
        camel.getRouteController().stopRoute(connectorId);
        jdbcPoll.stop(connectorId);
        log.info("connector {} paused", connectorId);
    }

    public void resume(String connectorId) throws Exception {
        requireRoute(connectorId);
        camel.getRouteController().startRoute(connectorId);
        log.info("connector {} resumed", connectorId);
    }

    private void requireRoute(String connectorId) {
        if (camel.getRoute(connectorId) == null) {
            throw new IllegalArgumentException("connector '" + connectorId + "' is not installed (unknown or disabled)");
        }
    }
}
