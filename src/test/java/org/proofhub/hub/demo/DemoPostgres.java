package org.proofhub.hub.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** One embedded PostgreSQL server prepared as the four department databases, for one test class. */
final class DemoPostgres implements AutoCloseable {
    static final String CDC_PASSWORD = "cdc-secret-for-tests";

    final EmbeddedPostgres server;
    final Map<DemoDepartment, DataSource> departments;

    private DemoPostgres(EmbeddedPostgres server, Map<DemoDepartment, DataSource> departments) {
        this.server = server;
        this.departments = departments;
    }

    static DemoPostgres start() throws IOException, SQLException {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new DemoPostgres(server, DemoDepartmentSeeder.prepareServer(db -> server.getDatabase("postgres", db),
                CDC_PASSWORD));
    }

    /** Drops the department databases and prepares and seeds them anew, as on a fresh server. */
    void recreate(long seed, DemoSize size) throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            for (DemoDepartment d : DemoDepartment.values()) {
                st.execute("DROP DATABASE IF EXISTS " + d.databaseName() + " WITH (FORCE)");
            }
        }
        DemoDepartmentSeeder.prepareServer(db -> server.getDatabase("postgres", db), CDC_PASSWORD);
        new DemoDepartmentSeeder(departments).seed(seed, size);
    }

    DataSource dataSource(DemoDepartment department) {
        return departments.get(department);
    }

    /**
     * Everything wrong with the department data: rule violations of clean rows, listed defects
     * that are not real, households without exactly one head or with several addresses.
     */
    List<String> dataProblems() throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<DemoDepartment, List<String>> e : DemoRules.TABLES.entrySet()) {
            List<Map<String, String>> defects = rows(e.getKey(), "SELECT * FROM _demo_defect");
            for (String table : e.getValue()) {
                problems.addAll(DemoRules.problems(table, rows(e.getKey(), "SELECT * FROM " + Pg.quote(table)), defects));
            }
        }
        rows(DemoDepartment.POPULATION, """
                SELECT "HH" FROM "RK_JBXX" GROUP BY "HH"
                HAVING count(*) FILTER (WHERE "YHZGXDM" = '02') <> 1 OR count(DISTINCT "HJDZ") <> 1""")
                .forEach(h -> problems.add("household " + h.get("HH") + " needs exactly one head and one address"));
        return problems;
    }

    /** Every row of a query, each as column label → value as text. */
    List<Map<String, String>> rows(DemoDepartment department, String sql) throws SQLException {
        try (Connection c = dataSource(department).getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, String>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getString(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    long count(DemoDepartment department, String sql) throws SQLException {
        return Long.parseLong(rows(department, sql).get(0).values().iterator().next());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
