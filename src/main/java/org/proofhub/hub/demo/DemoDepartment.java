package org.proofhub.hub.demo;

import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The four simulated department databases, each named as the hub's connector configuration
 * expects it, with the table whose emptiness decides whether the demo data is seeded.
 */
public enum DemoDepartment {
    /** 公安局人口库. */
    POPULATION("dept_population", "RK_JBXX"),
    /** 市场监管局法人库. */
    LEGAL_PERSON("dept_legal_person", "enterprise"),
    /** 发改委信用库. */
    CREDIT("dept_credit", "xy_sxjl"),
    /** 大数据局电子证照库. */
    LICENCE("dept_license", "license_document");

    private final String databaseName;
    private final String mainTable;

    DemoDepartment(String databaseName, String mainTable) {
        this.databaseName = databaseName;
        this.mainTable = mainTable;
    }

    public String databaseName() {
        return databaseName;
    }

    /** The department's principal table; the seeder fills a department only while it is empty. */
    public String mainTable() {
        return mainTable;
    }

    /** A copy of {@code dataSources}, refused unless it has one for every department. */
    static Map<DemoDepartment, DataSource> requireAll(Map<DemoDepartment, DataSource> dataSources) {
        for (DemoDepartment d : values()) {
            if (dataSources.get(d) == null) {
                throw new IllegalArgumentException("no data source given for " + d + " (" + d.databaseName() + ")");
            }
        }
        return new EnumMap<>(dataSources);
    }

    /** Class-path location of the department's DDL. */
    String schemaResource() {
        return "demo/" + databaseName + "/schema.sql";
    }
}
