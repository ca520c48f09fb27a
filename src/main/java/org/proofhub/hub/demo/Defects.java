package org.proofhub.hub.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * Spoils a small share of a table's rows on purpose, the way real department data is spoiled,
 * and writes down each spoiled row for {@code _demo_defect}.
 */
final class Defects {

    /** What is wrong with a row; the hub must quarantine every such row. */
    enum Kind { BAD_CHECK_CHARACTER, UNKNOWN_CODE, MISSING_REQUIRED, IMPOSSIBLE_DATE }

    /** Read and write access to the row being spoiled. */
    interface Cells {
        Object get(String column);

        void set(String column, Object value);
    }

    /** Gives the spoiled value of a column, from its clean value and the rest of the row. */
    interface Edit {
        Object apply(Object clean, Cells row);
    }

    record Recipe(Kind kind, String column, String explanation, Edit edit) {
    }

    /** The spoiled rows' indices and their {@code _demo_defect} rows. */
    record Injected(Set<Integer> dirtyRows, List<Object[]> defectRows) {
    }

    static final int MINIMUM_PER_TABLE = 5;
    static final double SHARE = 0.01;

    private static final Map<String, List<Recipe>> RECIPES = Map.of(
            Rows.PERSON_TABLE, List.of(
                    badCheck("GMSFHM"),
                    new Recipe(Kind.UNKNOWN_CODE, "XBDM", "'M' is not a GB/T 2261.1 sex code", (v, r) -> "M"),
                    missing("XM"),
                    new Recipe(Kind.IMPOSSIBLE_DATE, "CSRQ", "month 13, day 40",
                            (v, r) -> ((String) v).substring(0, 4) + "1340"),
                    new Recipe(Kind.UNKNOWN_CODE, "MZDM", "'HZ' is not a GB/T 3304 code", (v, r) -> "HZ")),
            Rows.ENTERPRISE_TABLE, List.of(
                    badCheck("uscc"),
                    new Recipe(Kind.UNKNOWN_CODE, "reg_status", "'99' is not a registration status", (v, r) -> "99"),
                    missing("enterprise_name"),
                    new Recipe(Kind.UNKNOWN_CODE, "enterprise_type", "'GMBH' is not an enterprise type", (v, r) -> "GMBH"),
                    missing("legal_rep_name")),
            Rows.CREDIT_RECORD_TABLE, List.of(
                    badCheck("ztbm"),
                    new Recipe(Kind.UNKNOWN_CODE, "sxlb", "'XX01' is not a dishonesty category", (v, r) -> "XX01"),
                    missing("ztmc"),
                    new Recipe(Kind.IMPOSSIBLE_DATE, "xfrq", "repaired before it was decided", (v, r) -> {
                        r.set("xfzt", "1");
                        return ((LocalDate) r.get("rdrq")).minusDays(30);
                    }),
                    new Recipe(Kind.UNKNOWN_CODE, "yzcd", "'5' is not a severity", (v, r) -> "5")),
            Rows.RATING_TABLE, List.of(
                    badCheck("ztbm"),
                    new Recipe(Kind.UNKNOWN_CODE, "xydj", "'E' is not a credit grade", (v, r) -> "E"),
                    missing("ztmc"),
                    new Recipe(Kind.UNKNOWN_CODE, "ztlx", "'3' is not a subject type", (v, r) -> "3")),
            Rows.LICENCE_TABLE, List.of(
                    badCheck("license_code"),
                    new Recipe(Kind.UNKNOWN_CODE, "license_type", "'QTZZ' is not a licence type", (v, r) -> "QTZZ"),
                    missing("license_code"),
                    new Recipe(Kind.IMPOSSIBLE_DATE, "valid_to", "valid until before it is valid from",
                            (v, r) -> ((LocalDate) r.get("valid_from")).minusYears(1)),
                    badCheck("holder_id"),
                    new Recipe(Kind.UNKNOWN_CODE, "status", "'09' is not a licence status", (v, r) -> "09")));

    private Defects() {
    }

    /**
     * Spoils about {@link #SHARE} of the eligible rows, at least {@link #MINIMUM_PER_TABLE}, cycling
     * through the table's recipes so that every kind of defect occurs. Rows are changed in place.
     */
    static Injected inject(String table, List<String> columns, List<Object[]> rows, Synth synth,
                           IntPredicate eligible) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (eligible.test(i)) {
                candidates.add(i);
            }
        }
        Collections.shuffle(candidates, synth.random);
        int count = Math.min(candidates.size(), Math.max(MINIMUM_PER_TABLE, (int) Math.round(rows.size() * SHARE)));
        List<Recipe> recipes = RECIPES.get(table);
        Set<Integer> dirty = new TreeSet<>();
        List<Object[]> defectRows = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int index = candidates.get(n);
            Object[] row = rows.get(index);
            Recipe recipe = recipes.get(n % recipes.size());
            Cells cells = new Cells() {
                public Object get(String column) {
                    return row[columns.indexOf(column)];
                }

                public void set(String column, Object value) {
                    row[columns.indexOf(column)] = value;
                }
            };
            cells.set(recipe.column(), recipe.edit().apply(cells.get(recipe.column()), cells));
            dirty.add(index);
            // the key is read after the edit: a spoiled identifier may be the key itself
            defectRows.add(new Object[] {table, String.valueOf(row[0]), recipe.kind().name(),
                recipe.column() + ": " + recipe.explanation()});
        }
        return new Injected(dirty, defectRows);
    }

    private static Recipe badCheck(String column) {
        return new Recipe(Kind.BAD_CHECK_CHARACTER, column, "check character altered",
                (v, r) -> Ids.withWrongCheck((String) v));
    }

    private static Recipe missing(String column) {
        return new Recipe(Kind.MISSING_REQUIRED, column, "required value missing", (v, r) -> null);
    }
}
