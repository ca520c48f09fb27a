package org.proofhub.hub.ingest.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.proofhub.hub.ingest.ConnectorDefinition;
import org.proofhub.hub.ingest.ConnectorStatus;
import org.proofhub.hub.ingest.ConnectorType;
import org.proofhub.hub.ingest.IngestConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns connector files into running Camel routes: each connector type is loaded as a route
 * template (Kamelet format), each enabled connector instance becomes a route made from its type's
 * template with the instance's properties.
 * <p>
 * With several hub instances on one database each connector runs on one of them: the one holding its lock
 * ({@link ConnectorLeadership}); the others report it as {@value ConnectorStatus#STANDBY} and take it over when that instance
 * goes. Pausing is recorded in {@code connector_control}, so a paused connector stays paused on whichever instance
 * runs it, and after a restart; the instance running it applies a pause or resume made on another within
 * {@code hub.ingest.leadership-interval}.
 */
public final class ConnectorRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectorRuntime.class);

    private volatile CamelContext camel;
    private volatile IngestConfig config;
    private final IngestService ingest;
    private final DataSource hubDataSource;
    private final JdbcTemplate jdbc;
    private final JdbcPollAdapter jdbcPoll;
    private final ConnectorLeadership leadership;
    private final Duration interval;
    private final Clock clock;
    private final Object routes = new Object();
    private volatile boolean watching;
    private volatile Thread watcher;
    /** As of the last round (or this instance's own pause or resume since): what status reports without a query. */
    private volatile Set<String> pausedNow = Set.of();
    private volatile Map<String, String> holders = Map.of();

    ConnectorRuntime(IngestService ingest, DataSource hubDataSource, JdbcPollAdapter jdbcPoll, ConnectorLeadership leadership,
                     Duration interval, Clock clock) {
        this.ingest = ingest;
        this.hubDataSource = hubDataSource;
        this.jdbc = new JdbcTemplate(hubDataSource);
        this.jdbcPoll = jdbcPoll;
        this.leadership = leadership;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * Registers every connector type as a template and, if {@code start}, starts every enabled connector this
     * instance gets the lock of, then keeps watching for locks freed by other instances and for pauses.
     */
    void install(CamelContext camel, IngestConfig config, boolean start) throws Exception {
        this.camel = camel;
        this.config = config;
        for (ConnectorType type : config.types().values()) {
            loadTemplate(type);
        }
        if (!start) {
            return;
        }
        reconcile();
        watching = true;
        watcher = new Thread(this::watch, "connector-leadership");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        while (watching) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (!watching) {
                return;
            }
            try {
                reconcile();
            } catch (Exception e) {
                log.warn("connectors: could not check which of them run here: {}", e.getMessage());
            }
        }
    }

    /** One round: lost locks stop their connectors, free locks are taken, pauses and resumes are applied. */
    void reconcile() throws Exception {
        synchronized (routes) {
            if (!watching && watcher != null) {
                return;
            }
            if (!leadership.check()) {
                for (ConnectorDefinition c : config.connectors().values()) {
                    remove(c.id());
                }
            }
            Set<String> paused = paused();
            pausedNow = paused;
            Map<String, String> holding = new HashMap<>();
            for (ConnectorDefinition c : config.connectors().values()) {
                if (!c.enabled()) {
                    continue;
                }
                if (!leadership.tryAcquire(c.id())) {
                    leadership.holderOf(c.id()).ifPresent(h -> holding.put(c.id(), h));
                    continue;
                }
                holding.put(c.id(), leadership.instanceId());
                try {
                    follow(c, paused.contains(c.id()));
                } catch (Exception e) {
                    if (watcher == null) {
                        throw e; // at start-up: the hub does not start with a connector that cannot
                    }
                    log.warn("connector {} could not be started or stopped here: {}", c.id(), e.getMessage());
                }
            }
            holders = Map.copyOf(holding);
        }
    }

    /** Brings the route of a connector this instance runs to what the operators want: paused or running. */
    private void follow(ConnectorDefinition c, boolean paused) throws Exception {
        Route route = camel.getRoute(c.id());
        if (paused) {
            if (route != null && camel.getRouteController().getRouteStatus(c.id()) != ServiceStatus.Stopped) {
                stop(c.id());
            }
        } else if (route == null) {
            add(c);
        } else if (camel.getRouteController().getRouteStatus(c.id()) == ServiceStatus.Stopped) {
            camel.getRouteController().startRoute(c.id());
            log.info("connector {} resumed", c.id());
        }
    }

    private Set<String> paused() {
        return new HashSet<>(jdbc.queryForList("select connector_id from connector_control where paused", String.class));
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

    private void stop(String connectorId) throws Exception {
        camel.getRouteController().stopRoute(connectorId);
        jdbcPoll.stop(connectorId);
        log.info("connector {} paused", connectorId);
    }

    private void loadTemplate(ConnectorType type) throws Exception {
        Resource r = ResourceHelper.fromString(type.id() + ".kamelet.yaml", type.yaml());
        PluginHelper.getRoutesLoader(camel).loadRoutes(r);
    }

    private void remove(String connectorId) throws Exception {
        if (stopAndRemove(connectorId)) {
            log.warn("connector {} stopped on this hub instance: it lost the connector's lock", connectorId);
        }
    }

    private boolean stopAndRemove(String connectorId) throws Exception {
        if (camel.getRoute(connectorId) == null) {
            return false;
        }
        camel.getRouteController().stopRoute(connectorId);
        camel.removeRoute(connectorId);
        jdbcPoll.stop(connectorId);
        return true;
    }

    /**
     * Applies a reloaded configuration to the running connectors: a connector file that is new is started (on the
     * instance that gets its lock), one that is gone or disabled is stopped and its lock let go, one whose properties
     * or type changed is restarted with the new ones from its stored offsets; new or changed connector types are
     * loaded first. Only after {@link IngestService#use}, so that the new connectors' mappings are in place.
     */
    void apply(IngestConfig next) throws Exception {
        if (camel == null) {
            return;
        }
        synchronized (routes) {
            IngestConfig previous = config;
            Set<String> changedTypes = new HashSet<>();
            for (ConnectorType type : next.types().values()) {
                ConnectorType old = previous.types().get(type.id());
                if (old == null || !old.yaml().equals(type.yaml())) {
                    changedTypes.add(type.id());
                }
            }
            for (ConnectorDefinition c : previous.connectors().values()) {
                ConnectorDefinition n = next.connectors().get(c.id());
                boolean gone = n == null || !n.enabled();
                if (gone || !n.type().equals(c.type()) || !n.properties().equals(c.properties()) || changedTypes.contains(c.type())) {
                    if (stopAndRemove(c.id())) {
                        log.info("connector {} stopped: its file {}", c.id(), gone ? "is gone or disabled" : "or type changed");
                    }
                    if (gone) {
                        leadership.release(c.id());
                    }
                }
            }
            for (String type : changedTypes) {
                camel.removeRouteTemplates(type);
                loadTemplate(next.types().get(type));
            }
            config = next;
        }
        if (watcher != null) {
            reconcile();
        }
    }

    public List<String> connectorIds() {
        return ingest.config().connectors().keySet().stream().toList();
    }

    /**
     * Started, Stopped, Suspended ... as Camel reports the connector's route; "Stopped" for a paused connector
     * whose route is not made yet, {@value ConnectorStatus#STANDBY} when another instance runs it, "NotInstalled" for a disabled
     * connector or when connectors are not started at all.
     */
    public String status(String connectorId) {
        if (camel == null) {
            return "NotInstalled";
        }
        Route route = camel.getRoute(connectorId);
        if (route == null) {
            ConnectorDefinition c = config == null ? null : config.connectors().get(connectorId);
            if (c == null || !c.enabled() || watcher == null) {
                return "NotInstalled";
            }
            return leadership.holds(connectorId) ? ServiceStatus.Stopped.name() : ConnectorStatus.STANDBY;
        }
        ServiceStatus s = camel.getRouteController().getRouteStatus(connectorId);
        return s == null ? "Unknown" : s.name();
    }

    /** Whether this instance runs the connector (holds its lock). */
    public boolean runsHere(String connectorId) {
        return leadership.holds(connectorId);
    }

    /** The hub instance that runs the connector: this one's id, another's, or empty when none does. */
    public Optional<String> runsOn(String connectorId) {
        return leadership.holds(connectorId) ? Optional.of(leadership.instanceId()) : Optional.ofNullable(holders.get(connectorId));
    }

    /** Whether an operator paused the connector (on any instance). */
    public boolean isPaused(String connectorId) {
        return pausedNow.contains(connectorId);
    }

    /** Records the pause for every instance; the one running the connector stops it now if that is this one. */
    public void pause(String connectorId) throws Exception {
        requireInstalled(connectorId);
        control(connectorId, true);
        Set<String> paused = new HashSet<>(pausedNow);
        paused.add(connectorId);
        pausedNow = Set.copyOf(paused);
        synchronized (routes) {
            if (leadership.holds(connectorId) && camel.getRoute(connectorId) != null) {
                stop(connectorId);
            }
        }
    }

    /** Records the resume for every instance; the one running the connector starts it now if that is this one. */
    public void resume(String connectorId) throws Exception {
        requireInstalled(connectorId);
        control(connectorId, false);
        reconcile();
    }

    private void control(String connectorId, boolean paused) {
        jdbc.update("""
                insert into connector_control (connector_id, paused, changed_at) values (?, ?, ?)
                on conflict (connector_id) do update set paused = excluded.paused, changed_at = excluded.changed_at""",
                connectorId, paused, Timestamp.from(clock.instant()));
    }

    private void requireInstalled(String connectorId) {
        ConnectorDefinition c = config == null ? null : config.connectors().get(connectorId);
        if (c == null || !c.enabled() || watcher == null) {
            throw new IllegalArgumentException("connector '" + connectorId + "' is not installed (unknown or disabled)");
        }
    }

    /** Stops watching; the locks go with the connection, after the routes have stopped with Camel. */
    void stopWatching() {
        watching = false;
        if (watcher != null) {
            watcher.interrupt();
        }
    }

    @Override
    public void close() {
        stopWatching();
        leadership.close();
    }
}
