package org.proofhub.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A connector type, Kamelet-style: a JSON Schema of its properties ({@code spec.definition}) and
 * a Camel route template ({@code spec.template}) from the file {@code connectors/types/<id>.kamelet.yaml}.
 *
 * @param kind  {@code cdc}, {@code poll} or {@code file}, from the annotation {@code proofhub.org/connector-kind}
 */
public record ConnectorType(String id, String title, String kind, JsonNode definition, String file, String yaml) {

    /** Names of properties whose values are secrets ({@code format: password}): never shown, never logged. */
    public Set<String> secretProperties() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        definition.path("properties").fields().forEachRemaining(e -> {
            if ("password".equals(e.getValue().path("format").asText())) {
                out.add(e.getKey());
            }
        });
        return out;
    }
}
