package org.proofhub.hub.ingest;

import java.nio.file.Path;
import org.proofhub.hub.demo.DemoDepartment;
import org.proofhub.hub.demo.DemoDepartmentSeeder;
import org.proofhub.hub.demo.DemoSize;
import org.proofhub.hub.platform.EmbeddedPostgresServer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One embedded PostgreSQL server for hubs started in JVMs of their own ({@link org.proofhub.hub.support.HubProcess}):
 * an empty database {@code hub} and the four demo departments (200 people, 50 companies) with CDC access.
 */
final class DepartmentsServer implements AutoCloseable {
    final EmbeddedPostgresServer pg;
    final JdbcTemplate population;
    final JdbcTemplate hub;
    final String cdcPassword;

    private DepartmentsServer(EmbeddedPostgresServer pg, JdbcTemplate population, JdbcTemplate hub, String cdcPassword) {
        this.pg = pg;
        this.population = population;
        this.hub = hub;
        this.cdcPassword = cdcPassword;
    }

    static DepartmentsServer start(Path dir, String cdcPassword, long seed) throws Exception {
        EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
        pg.ensureDatabase("hub");
        var ds = DemoDepartmentSeeder.prepareServer(pg::database, cdcPassword);
        new DemoDepartmentSeeder(ds).seed(seed, new DemoSize(200, 50));
        return new DepartmentsServer(pg, new JdbcTemplate(ds.get(DemoDepartment.POPULATION)), new JdbcTemplate(pg.database("hub")), cdcPassword);
    }

    /** The population department's rows without a deliberate defect: each becomes a canonical person. */
    long cleanPersons() {
        return population.queryForObject("select count(*) from \"RK_JBXX\" where \"RKBH\" not in (select source_key from _demo_defect)",
                Long.class);
    }

    /** The population connector's source links to persons: the snapshot is in once it reaches {@link #cleanPersons}. */
    long personLinks() {
        return hub.queryForObject("select count(*) from source_link where connector_id = 'population' and kind = 'Person'", Long.class);
    }

    @Override
    public void close() {
        pg.close();
    }
}
