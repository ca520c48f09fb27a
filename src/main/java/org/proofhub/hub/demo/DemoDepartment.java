package org.proofhub.hub.demo;

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

    /** Class-path location of the department's DDL. */
    String schemaResource() {
        return "demo/" + databaseName + "/schema.sql";
    }
}
