package org.proofhub.hub.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.debezium.DebeziumEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.proofhub.hub.ingest.ConnectorType;
import org.proofhub.hub.ingest.IngestConfig;

/**
 * The {@code debezium-postgres} connector type hands its optional heartbeat action query to Debezium as the connector
 * file wrote it (SQL is full of characters an endpoint URI gives meaning to), and none when the file names none.
 * The route is built the way {@code ConnectorRuntime} builds it, and not started.
 */
class DebeziumPostgresTypeTest {

    /** The Debezium configuration Camel builds for the population connector with {@code heartbeatActionQuery} as given (null: left out). */
    static Properties debeziumConfiguration(String heartbeatActionQuery) throws Exception {
        return debeziumConfiguration(heartbeatActionQuery, Map.of());
    }

    /** The same with further connector properties {@code overrides} as a connector file would give them. */
    static Properties debeziumConfiguration(String heartbeatActionQuery, Map<String, Object> overrides) throws Exception {
        IngestConfig config = new IngestConfigLoader(ConfigFilesTest.env()).load(ConfigFilesTest.ROOT);
        ConnectorType type = config.types().get("debezium-postgres");
        Map<String, Object> parameters = new LinkedHashMap<>(config.connectors().get("population").properties());
        parameters.remove("heartbeatActionQuery");
        if (heartbeatActionQuery != null) {
            parameters.put("heartbeatActionQuery", heartbeatActionQuery);
        }
        parameters.putAll(overrides);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.setAutoStartup(false);
            camel.getRegistry().bind("debeziumChanges", new DebeziumChanges());
            camel.start();
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString(type.id() + ".kamelet.yaml", type.yaml()));
            TemplatedRouteBuilder.builder(camel, type.id()).routeId("population").parameters(parameters).add();
            DebeziumEndpoint<?> endpoint = (DebeziumEndpoint<?>) camel.getRoute("population").getEndpoint();
            return endpoint.getConfiguration().createDebeziumConfiguration().asProperties();
        }
    }

    @Test
    void theDemoConnectorsHeartbeatActionQueryReachesDebezium() throws Exception {
        String query = new IngestConfigLoader(ConfigFilesTest.env()).load(ConfigFilesTest.ROOT).connectors().get("population")
                .property("heartbeatActionQuery");
        assertThat(query).contains("pg_logical_emit_message");
        assertThat(debeziumConfiguration(query).getProperty("heartbeat.action.query")).isEqualTo(query);
    }

    @Test
    void aQueryWithCharactersThatMeanSomethingInAUriArrivesUnchanged() throws Exception {
        String query = "INSERT INTO hb (id, at, note) VALUES (1, now() + interval '1 second', 'a&b=c?d#e \"f\" 100%') "
                + "ON CONFLICT (id) DO UPDATE SET at = excluded.at";
        assertThat(debeziumConfiguration(query).getProperty("heartbeat.action.query")).isEqualTo(query);
    }

    @Test
    void aPasswordWithCharactersThatMeanSomethingInAUriArrivesUnchanged() throws Exception {
        String password = "p+ss&w=rd%41?#\"x\" 100%";
        assertThat(debeziumConfiguration(null, Map.of("databasePassword", password)).getProperty("database.password"))
                .isEqualTo(password);
    }

    @Test
    void storingAPositionMayWaitAsLongAsTheLaneMayTakeToDrain() throws Exception {
        // Debezium's own default (5 s) gave up while a deep lane drained, and a store given up stored nothing until it emptied
        assertThat(debeziumConfiguration(null).getProperty("offset.flush.timeout.ms")).isEqualTo("60000");
        assertThat(debeziumConfiguration(null, Map.of("offsetCommitTimeoutMs", 120000)).getProperty("offset.flush.timeout.ms"))
                .isEqualTo("120000");
    }

    @Test
    void withoutAQueryDebeziumRunsNone() throws Exception {
        assertThat(debeziumConfiguration(null).getProperty("heartbeat.action.query")).isNullOrEmpty();
        assertThat(debeziumConfiguration("").getProperty("heartbeat.action.query")).isNullOrEmpty();
    }
}
