package org.proofhub.hub.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.account.Role;
import org.proofhub.hub.ingest.SourcePreparation;
import org.proofhub.hub.platform.EmbeddedPostgresServer;
import org.proofhub.hub.platform.HubProperties;
import org.proofhub.hub.platform.StartupNote;
import org.proofhub.hub.verification.Rosters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo run: before connectors start, the embedded PostgreSQL is prepared the way four
 * departments' DBAs would prepare theirs (databases, the hub_cdc login, a publication) and filled
 * with synthetic people, companies, credit records and licences; the licence department's export
 * job and the live change simulator then run beside the hub. Demo units and accounts are created.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoProperties.class)
@ConditionalOnProperty(name = "hub.demo.enabled", havingValue = "true")
public class DemoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DemoConfiguration.class);

    /** The running demo departments: their data sources, export job and simulator. */
    public static final class DemoDepartments implements AutoCloseable {
        private final Map<DemoDepartment, DataSource> dataSources;
        private final LicenceFileExporter exporter;
        private final LiveChangeSimulator simulator;

        DemoDepartments(Map<DemoDepartment, DataSource> dataSources, LicenceFileExporter exporter, LiveChangeSimulator simulator) {
            this.dataSources = dataSources;
            this.exporter = exporter;
            this.simulator = simulator;
        }

        public DataSource dataSource(DemoDepartment d) {
            return dataSources.get(d);
        }

        public LicenceFileExporter exporter() {
            return exporter;
        }

        public LiveChangeSimulator simulator() {
            return simulator;
        }

        @Override
        public void close() {
            simulator.close();
            exporter.close();
        }
    }

    @Bean
    SourcePreparation demoDepartmentsPreparation(ObjectProvider<DemoDepartments> departments) {
        // resolving the bean prepares the databases; connectors start only after that
        return departments::getObject;
    }

    @Bean(destroyMethod = "close")
    DemoDepartments demoDepartments(ObjectProvider<EmbeddedPostgresServer> server, DemoProperties demo, HubProperties hub) throws SQLException {
        EmbeddedPostgresServer pg = server.getIfAvailable();
        if (pg == null) {
            throw new IllegalStateException("hub.demo.enabled=true needs the embedded PostgreSQL (hub.embedded-postgres.enabled=true): "
                    + "the demo departments live on it");
        }
        Map<DemoDepartment, DataSource> ds = DemoDepartmentSeeder.prepareServer(pg.departments()::database, demo.cdcPassword());
        DemoDepartmentSeeder seeder = new DemoDepartmentSeeder(ds);
        long start = System.nanoTime();
        Map<DemoDepartment, Long> loaded = seeder.seed(demo.seed(), new DemoSize(demo.persons(), demo.legalEntities()));
        log.info("demo departments ready in {} ms (rows loaded now: {})", (System.nanoTime() - start) / 1_000_000, loaded);
        Path drop = hub.dataPath().resolve("drop").resolve("e-licence");
        LicenceFileExporter exporter = new LicenceFileExporter(ds.get(DemoDepartment.LICENCE), drop, "hub-e-licence", 1_000);
        exporter.start(demo.exportInterval());
        LiveChangeSimulator simulator = new LiveChangeSimulator(ds, demo.seed(), demo.liveChangesPerSecond());
        simulator.start();
        return new DemoDepartments(ds, exporter, simulator);
    }

    @Bean
    DemoAccounts demoAccounts(Accounts accounts, DemoProperties demo, org.proofhub.hub.audit.AuditLog audit) {
        return new DemoAccounts(accounts, demo, audit);
    }

    /** The demo units' verification rosters (agents on A/B posts, supervisors), once their accounts exist. */
    @Bean
    StartupNote demoRosters(DemoAccounts accounts, Rosters rosters) {
        Rosters.RosterReport report = rosters.apply("classpath:demo/rosters.yaml");
        return baseUrl -> List.of("  Verification   rosters of " + report.units().stream().map(Rosters.UnitRoster::unit).toList()
                + "; try POST /api/verification/requests as window.agent, GET /api/verification/inbox as gaj.agent");
    }

    /** Creates the demo units and accounts from {@code demo/units-and-accounts.yaml} and tells how to log in. */
    public static final class DemoAccounts implements StartupNote {
        private final List<String> created = new ArrayList<>();
        private final List<String[]> listed = new ArrayList<>();
        private final DemoProperties demo;

        DemoAccounts(Accounts accounts, DemoProperties demo, org.proofhub.hub.audit.AuditLog audit) {
            this.demo = demo;
            JsonNode root = read();
            for (JsonNode u : root.path("units")) {
                accounts.saveUnit(new Accounts.Unit(u.path("code").asText(), u.path("name").asText(), u.path("nameEn").asText(), u.path("kind").asText()));
            }
            List<Accounts.NewAccount> wanted = new ArrayList<>();
            for (JsonNode a : root.path("accounts")) {
                Set<Role> roles = new java.util.TreeSet<>();
                a.path("roles").forEach(r -> roles.add(Role.valueOf(r.asText())));
                wanted.add(new Accounts.NewAccount(a.path("username").asText(), demo.accountPassword(), a.path("name").asText(),
                        a.path("unit").asText(), roles));
            }
            created.addAll(accounts.createAllIfAbsent(wanted));
            for (Accounts.NewAccount a : wanted) {
                if (created.contains(a.username())) {
                    audit.append(new org.proofhub.hub.audit.AuditLog.Entry("hub", null, "ACCOUNT_CREATED", null, "demo accounts",
                            java.util.Map.of("account", a.username(), "unit", a.unitCode(), "roles", a.roles().toString())));
                }
                listed.add(new String[]{a.username(), a.unitCode(), a.roles().stream().map(Role::name).collect(Collectors.joining(","))});
            }
        }

        @Override
        public List<String> lines(String baseUrl) {
            List<String> lines = new ArrayList<>();
            lines.add("  Demo accounts  (password for all: " + demo.accountPassword() + "; HTTP Basic on /api)");
            for (String[] a : listed) {
                lines.add(String.format("    %-22s %-8s %s", a[0], a[1], a[2]));
            }
            lines.add("  Try            curl -u ops:" + demo.accountPassword() + " " + baseUrl + "/api/ingest/connectors");
            return lines;
        }

        private static JsonNode read() {
            try (InputStream in = DemoConfiguration.class.getResourceAsStream("/demo/units-and-accounts.yaml")) {
                return new ObjectMapper(new YAMLFactory()).readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("demo/units-and-accounts.yaml missing", e);
            }
        }
    }
}
