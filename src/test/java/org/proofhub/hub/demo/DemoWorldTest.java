package org.proofhub.hub.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoWorldTest {
    private static final DemoSize SMALL = new DemoSize(500, 100);

    @Test
    void theSameSeedGivesTheSameWorld() {
        DemoWorld a = DemoWorld.generate(42, SMALL);
        DemoWorld b = DemoWorld.generate(42, SMALL);
        DemoWorld other = DemoWorld.generate(43, SMALL);
        for (DemoDepartment d : DemoDepartment.values()) {
            assertThat(a.tables(d)).as(d.name()).isEqualTo(b.tables(d));
            assertThat(a.tables(d).get(0).rows()).as(d.name()).isNotEqualTo(other.tables(d).get(0).rows());
        }
    }

    @Test
    void mainTablesHaveTheRequestedSize() {
        DemoWorld world = DemoWorld.generate(1, SMALL);
        assertThat(world.tables(DemoDepartment.POPULATION).get(0).rows()).hasSize(500);
        assertThat(world.tables(DemoDepartment.LEGAL_PERSON).get(0).rows()).hasSize(100);
        for (DemoDepartment d : DemoDepartment.values()) {
            assertThat(world.tables(d).get(0).name()).isEqualTo(d.mainTable());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20261126})
    void cleanRowsPassEveryRuleAndListedDefectsAreReal(long seed) {
        DemoWorld world = DemoWorld.generate(seed, SMALL);
        for (Map.Entry<DemoDepartment, List<String>> e : DemoRules.TABLES.entrySet()) {
            List<Map<String, String>> defects = asText(table(world, e.getKey(), Rows.DEFECT_TABLE));
            for (String table : e.getValue()) {
                assertThat(DemoRules.problems(table, asText(table(world, e.getKey(), table)), defects)).isEmpty();
            }
        }
    }

    @Test
    void tooSmallAWorldIsRefused() {
        assertThatThrownBy(() -> new DemoSize(10, 100)).hasMessageContaining("at least 200 persons");
    }

    private static DemoTable table(DemoWorld world, DemoDepartment d, String name) {
        return world.tables(d).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    // the same text the database hands back for these columns
    private static List<Map<String, String>> asText(DemoTable table) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<Object> values : table.rows()) {
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < values.size(); i++) {
                row.put(table.columns().get(i), values.get(i) == null ? null : values.get(i).toString());
            }
            rows.add(row);
        }
        return rows;
    }
}
