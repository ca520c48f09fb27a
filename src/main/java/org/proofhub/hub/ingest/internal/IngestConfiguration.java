package org.proofhub.hub.ingest.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.proofhub.hub.ingest.IngestConfig;
import org.proofhub.hub.ingest.IngestProperties;
import org.proofhub.hub.platform.BrokerState;
import org.proofhub.hub.platform.DataProtection;
import org.proofhub.hub.platform.HubProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Wires ingest: the configuration files are validated here, at start-up, so a bad file stops the
 * hub with a message naming file and key before anything connects to a source.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
public class IngestConfiguration {

    @Bean
    IngestConfigLoader ingestConfigLoader(Environment environment) {
        return new IngestConfigLoader(environment);
    }

    @Bean
    IngestConfig ingestConfig(IngestConfigLoader loader, IngestProperties properties) {
        return loader.load(properties.configPath());
    }

    @Bean
    QuarantineCodec quarantineCodec() {
        return new QuarantineCodec();
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry, Clock clock) {
        return new IngestMetrics(registry, clock);
    }

    @Bean(destroyMethod = "close")
    IngestService ingestService(IngestConfig config, DataSource dataSource, DataProtection protection, Clock clock,
                                IngestMetrics metrics, IngestProperties properties, QuarantineCodec codec) {
        return new IngestService(config, dataSource, protection, clock, metrics, properties, codec);
    }

    @Bean
    QuarantineService quarantineService(JdbcTemplate jdbc, IngestService ingest, DataProtection protection, QuarantineCodec codec, Clock clock) {
        return new QuarantineService(jdbc, ingest, protection, codec, clock);
    }

    @Bean
    DebeziumChanges debeziumChanges() {
        return new DebeziumChanges();
    }

    @Bean(destroyMethod = "close")
    JdbcPollAdapter jdbcPollAdapter(IngestService ingest, JdbcTemplate jdbc, java.time.Clock clock) {
        return new JdbcPollAdapter(ingest, jdbc, clock);
    }

    @Bean
    FileDropAdapter fileDropAdapter(IngestService ingest) {
        return new FileDropAdapter(ingest);
    }

    @Bean
    OutboxRelay outboxRelay(DataSource dataSource, ConnectionFactory connectionFactory, IngestProperties properties,
                            ObjectProvider<BrokerState> broker) {
        return new OutboxRelay(dataSource, connectionFactory, properties.outboxBatchSize(), properties.outboxInterval(),
                broker.getIfAvailable(BrokerState::unknown));
    }

    @Bean(destroyMethod = "close")
    ConnectorRuntime connectorRuntime(IngestService ingest, DataSource dataSource, JdbcPollAdapter jdbcPoll, IngestProperties properties,
                                      HubProperties hub, Clock clock) {
        return new ConnectorRuntime(ingest, dataSource, jdbcPoll,
                new ConnectorLeadership(lockConnections(dataSource), hub.resolvedInstanceId()), properties.leadershipInterval(), clock);
    }

    /**
     * The connector locks need a connection of their own that no pool hands to anybody else or closes: opened
     * with the pool's settings when the pool is Hikari, else taken from the data source and never given back.
     */
    private static ConnectorLeadership.ConnectionSource lockConnections(DataSource dataSource) {
        return applicationName -> {
            if (dataSource instanceof HikariDataSource hikari) {
                Properties p = new Properties();
                p.putAll(hikari.getDataSourceProperties());
                if (hikari.getUsername() != null) {
                    p.setProperty("user", hikari.getUsername());
                }
                if (hikari.getPassword() != null) {
                    p.setProperty("password", hikari.getPassword());
                }
                p.setProperty("ApplicationName", applicationName);
                p.setProperty("tcpKeepAlive", "true");
                return DriverManager.getConnection(hikari.getJdbcUrl(), p);
            }
            Connection c = dataSource.getConnection();
            try (Statement st = c.createStatement()) {
                st.execute("set application_name = '" + applicationName.replace("'", "''") + "'");
            }
            return c;
        };
    }

    /** Reloads reach every instance; this one's files, as read at start, are recorded as what it runs. */
    @Bean
    ConfigFilesService configFiles(IngestConfigLoader loader, IngestProperties properties, ConfigReloads reloads, IngestService ingest,
                                   org.proofhub.hub.audit.AuditLog audit) {
        return new ConfigFilesService(loader, properties, reloads, ingest, audit);
    }

    @Bean
    ConfigReloads configReloads(JdbcTemplate jdbc, IngestConfigLoader loader, IngestProperties properties, ConnectorOperations connectors,
                                HubProperties hub, Clock clock) {
        ConfigReloads reloads = new ConfigReloads(jdbc, loader, properties.configPath(), connectors, hub.resolvedInstanceId(), clock);
        reloads.started();
        return reloads;
    }

    /** Whether the running instances agree on their files: 1 digest, 0 problems ({@code IngestConfigDiffers} in deploy/). */
    @Bean
    io.micrometer.core.instrument.binder.MeterBinder configInstanceGauges(ConfigReloads reloads) {
        return registry -> {
            io.micrometer.core.instrument.Gauge.builder("hub.ingest.config.digests",
                            () -> org.proofhub.hub.ingest.ConfigInstances.digestsAmongRunning(reloads.instances()))
                    .description("different connectors/ and mappings/ file digests among the running hub instances (1 when they agree)")
                    .register(registry);
            io.micrometer.core.instrument.Gauge.builder("hub.ingest.config.problems",
                            () -> reloads.instances().stream().filter(i -> i.running() && i.problem() != null).count())
                    .description("running hub instances that could not apply the last reload of connectors/ and mappings/")
                    .register(registry);
        };
    }

    /** Stops taking connectors over before Camel stops their routes for the shutdown. */
    @Bean
    ApplicationListener<ContextClosedEvent> connectorLeadershipStop(ConnectorRuntime runtime) {
        return event -> runtime.stopWatching();
    }

    /** Connector routes join the Camel context once it runs; they stop with it. */
    @Bean
    CamelContextConfiguration connectorRoutes(ConnectorRuntime runtime, IngestConfig config, IngestProperties properties,
                                              org.springframework.beans.factory.ObjectProvider<org.proofhub.hub.ingest.SourcePreparation> preparations) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // nothing yet: the route configurations in routes/ are loaded with the context
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // now the shared error handling exists for the connector routes to pick up
                preparations.orderedStream().forEach(org.proofhub.hub.ingest.SourcePreparation::prepare);
                try {
                    runtime.install(camelContext, config, properties.startConnectors());
                } catch (Exception e) {
                    throw new IllegalStateException("connector routes could not be installed: " + e.getMessage(), e);
                }
            }
        };
    }

    static Path resolve(IngestProperties p) {
        return p.configPath();
    }
}
