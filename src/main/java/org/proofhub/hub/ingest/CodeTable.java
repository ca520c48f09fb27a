package org.proofhub.hub.ingest;

import java.util.Map;

/** Source codes to canonical values, from {@code mappings/code-tables/<id>.code-table.yaml}. */
public record CodeTable(String id, String title, String standard, Map<String, Object> codes, String file) {
}
