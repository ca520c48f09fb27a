package org.proofhub.hub.demo;

import java.util.List;

/**
 * The generated rows of one department table, values in column order. Values are
 * {@code String}, {@code Long}, {@code BigDecimal}, {@code LocalDate}, {@code LocalDateTime},
 * {@code OffsetDateTime}, {@code UUID}, Jackson {@code JsonNode} (for jsonb) or {@code null}.
 * Columns the database fills itself (sequences, trigger-maintained timestamps) are absent.
 */
public record DemoTable(String name, List<String> columns, List<List<Object>> rows) {

    public DemoTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
