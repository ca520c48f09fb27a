package org.proofhub.hub.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the demo department databases and fills them. Filling is idempotent per department:
 * a department whose main table already holds rows keeps them, so a restarted demo reuses its data.
 */
public final class DemoDepartmentSeeder {

    /** The login role a department DBA grants the hub: it may replicate and read every table. */
    public static final String CDC_ROLE = "hub_cdc";
    /** The publication the hub's logical-decoding connectors subscribe to. */
    public static final String PUBLICATION = "hub_publication";

    private static final Logger log = LoggerFactory.getLogger(DemoDepartmentSeeder.class);
    private static final String BOOKKEEPING = "demo/demo-bookkeeping.sql";
    private static final Map<DemoDepartment, List<String>> PUBLISHED = Map.of(
            DemoDepartment.POPULATION, List.of(Rows.PERSON_TABLE),
            DemoDepartment.LEGAL_PERSON, List.of(Rows.ENTERPRISE_TABLE));

    private final Map<DemoDepartment, DataSource> departments;

    public DemoDepartmentSeeder(Map<DemoDepartment, DataSource> departments) {
        this.departments = DemoDepartment.requireAll(departments);
    }

    /**
     * Prepares a PostgreSQL server the way the departments' DBAs would: the four databases with
     * their schemas, the role {@value #CDC_ROLE} (LOGIN, REPLICATION, SELECT on all tables) and the
     * publication {@value #PUBLICATION}. Safe to run again on a prepared server; it then only
     * resets the role's password and adds whatever is missing.
     *
     * @param connect     gives a superuser data source for a database name ({@code "postgres"} for the server itself)
     * @param cdcPassword the password the hub will log in with as {@value #CDC_ROLE}
     * @return a data source per department, as {@code connect} gave it
     */
    public static Map<DemoDepartment, DataSource> prepareServer(Function<String, DataSource> connect,
                                                                String cdcPassword) throws SQLException {
        try (Connection c = connect.apply("postgres").getConnection()) {
            boolean roleExists = Pg.exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", CDC_ROLE);
            // utility statements take no bind parameters: let the server quote the password
            String roleDdl = Pg.queryString(c, "SELECT format('%s ROLE %I LOGIN REPLICATION PASSWORD %L', ?, ?, ?)",
                    roleExists ? "ALTER" : "CREATE", CDC_ROLE, cdcPassword);
            Pg.update(c, roleDdl);
            for (DemoDepartment d : DemoDepartment.values()) {
                if (!Pg.exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", d.databaseName())) {
                    Pg.update(c, "CREATE DATABASE " + Pg.quote(d.databaseName())
                            + " ENCODING 'UTF8' TEMPLATE template0");
                }
            }
        }
        Map<DemoDepartment, DataSource> departments = new EnumMap<>(DemoDepartment.class);
        for (DemoDepartment d : DemoDepartment.values()) {
            departments.put(d, connect.apply(d.databaseName()));
        }
        new DemoDepartmentSeeder(departments).applySchemas();
        for (DemoDepartment d : DemoDepartment.values()) {
            Pg.inTransaction(departments.get(d), c -> {
                grantReading(c, d);
                publish(c, PUBLISHED.getOrDefault(d, List.of()));
                return null;
            });
        }
        return departments;
    }

    /** Creates whatever tables, triggers and sequences are missing; leaves existing ones and their data alone. */
    public void applySchemas() throws SQLException {
        for (DemoDepartment d : DemoDepartment.values()) {
            Pg.inTransaction(departments.get(d), c -> {
                Pg.lockFor(c, "proofhub-demo");
                Pg.runScript(c, d.schemaResource());
                Pg.runScript(c, BOOKKEEPING);
                return null;
            });
        }
    }

    /**
     * Applies the schemas and loads the world of {@code seed} and {@code size} into every
     * department whose main table is empty, each department in one transaction.
     *
     * @return the number of rows loaded per department, 0 for those that already had data
     */
    public Map<DemoDepartment, Long> seed(long seed, DemoSize size) throws SQLException {
        applySchemas();
        Map<DemoDepartment, Long> loaded = new EnumMap<>(DemoDepartment.class);
        // generated on first need only: a restart with data in place skips the work
        AtomicReference<DemoWorld> world = new AtomicReference<>();
        for (DemoDepartment d : DemoDepartment.values()) {
            long started = System.nanoTime();
            long rows = Pg.inTransaction(departments.get(d), c -> {
                Pg.lockFor(c, "proofhub-demo");
                if (Pg.exists(c, "SELECT 1 FROM " + Pg.quote(d.mainTable()) + " LIMIT 1")) {
                    return 0L;
                }
                long n = 0;
                for (DemoTable table : world.updateAndGet(w -> w != null ? w : DemoWorld.generate(seed, size)).tables(d)) {
                    n += Pg.copyIn(c, table);
                }
                return n;
            });
            loaded.put(d, rows);
            log.info("demo department {}: {}", d.databaseName(), rows == 0 ? "kept its existing data"
                    : "loaded " + rows + " rows in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        return loaded;
    }

    private static void grantReading(Connection c, DemoDepartment d) throws SQLException {
        String role = Pg.quote(CDC_ROLE);
        Pg.update(c, "GRANT CONNECT ON DATABASE " + Pg.quote(d.databaseName()) + " TO " + role);
        Pg.update(c, "GRANT USAGE ON SCHEMA public TO " + role);
        Pg.update(c, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        Pg.update(c, "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO " + role);
    }

    private static void publish(Connection c, List<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        boolean exists = Pg.exists(c, "SELECT 1 FROM pg_publication WHERE pubname = ?", PUBLICATION);
        for (String table : tables) {
            if (!exists) {
                Pg.update(c, "CREATE PUBLICATION " + PUBLICATION + " FOR TABLE " + Pg.quote(table));
                exists = true;
            } else if (!Pg.exists(c, "SELECT 1 FROM pg_publication_tables WHERE pubname = ? AND tablename = ?",
                    PUBLICATION, table)) {
                Pg.update(c, "ALTER PUBLICATION " + PUBLICATION + " ADD TABLE " + Pg.quote(table));
            }
        }
    }
}
