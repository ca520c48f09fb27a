package org.proofhub.hub.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.proofhub.hub.canonical.CanonicalRecords;
import org.proofhub.hub.demo.DemoConfiguration.DemoDepartments;
import org.proofhub.hub.demo.DemoDepartment;
import org.springframework.jdbc.core.JdbcTemplate;

/** Clean demo subjects, once the hub has them in its canonical store. */
public final class Demo {
    private final DemoDepartments departments;
    private final CanonicalRecords records;

    public Demo(DemoDepartments departments, CanonicalRecords records) {
        this.departments = departments;
        this.records = records;
    }

    /** A person: [name, citizen ID]. */
    public String[] person(int n) {
        Map<String, Object> row = db(DemoDepartment.POPULATION).queryForMap("""
                select "XM" as name, "GMSFHM" as id from "RK_JBXX" where "RKBH" not in (select source_key from _demo_defect)
                and "RYZTDM" = '0' order by "RKBH" offset ? limit 1""", n);
        String id = row.get("id").toString().strip().toUpperCase();
        await().atMost(Duration.ofSeconds(60)).until(() -> records.find("Person", id).isPresent());
        return new String[]{row.get("name").toString().strip(), id};
    }

    /** An active enterprise with a business licence: [name, USCC, licence ID]. */
    public String[] enterprise(int n) {
        Map<String, Object> row = db(DemoDepartment.LEGAL_PERSON).queryForMap("""
                select enterprise_name as name, uscc from enterprise where id::text not in (select source_key from _demo_defect)
                and reg_status = '10' order by id offset ? limit 1""", n);
        String uscc = row.get("uscc").toString().strip().toUpperCase();
        String licence = await().atMost(Duration.ofSeconds(60)).until(() -> records.findBy("Licence", "holderId", uscc).stream()
                .filter(r -> !r.deleted() && "YYZZ".equals(r.payload().get("licenceType")) && "VALID".equals(r.payload().get("status")))
                .map(r -> r.key()).findFirst().orElse(null), java.util.Objects::nonNull);
        await().atMost(Duration.ofSeconds(60)).until(() -> records.find("LegalEntity", uscc).isPresent());
        return new String[]{row.get("name").toString().strip(), uscc, licence};
    }

    public JdbcTemplate db(DemoDepartment d) {
        return new JdbcTemplate(departments.dataSource(d));
    }
}
