package org.proofhub.hub.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts PostgreSQL from the data directory and points the hub's pool at it. Switched off with
 * {@code hub.embedded-postgres.enabled=false}, when {@code spring.datasource.*} names an external server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.embedded-postgres.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedPostgresConfiguration {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(HubProperties properties, ConfigurableEnvironment environment) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                properties.dataPath().resolve("postgres"), properties.embeddedPostgres().port(),
                properties.embeddedPostgres().settings());
        server.ensureDatabase(properties.embeddedPostgres().hubDatabase());
        if (environment.getProperty("hub.demo.enabled", Boolean.class, false) && properties.embeddedPostgres().departmentsServer()) {
            if (server.hasDatabase("dept_population")) {
                // a data directory from before the departments had a server of their own: they stay where their data is
                log.info("the demo department databases stay on the hub's PostgreSQL server (found in {})", server.dataDirectory());
            } else {
                Map<String, String> settings = new java.util.HashMap<>(properties.embeddedPostgres().settings());
                settings.putIfAbsent("shared_buffers", "64MB");
                settings.putIfAbsent("max_connections", "100");
                server.departmentsOn(EmbeddedPostgresServer.start(properties.dataPath().resolve("postgres-departments"), 0, settings));
            }
        }
        // connector files reach department databases through ${hub.demo.departments-port}, else ${hub.embedded-postgres.actual-port}
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres",
                Map.of("hub.embedded-postgres.actual-port", server.port(), "hub.demo.departments-port", server.departments().port())));
        return server;
    }

    @Bean(destroyMethod = "close")
    @Primary
    HikariDataSource dataSource(EmbeddedPostgresServer server, HubProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("hub");
        config.setJdbcUrl(server.jdbcUrl(properties.embeddedPostgres().hubDatabase()));
        // a batch of N inserts goes as a few multi-row INSERTs instead of N executions (canonical writes, outbox)
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setUsername("postgres");
        config.setPassword("postgres");
        config.setMaximumPoolSize(properties.embeddedPostgres().poolSize());
        config.setMinimumIdle(2);
        return new HikariDataSource(config);
    }
}
