package org.proofhub.hub.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Everything read from {@code connectors/} and {@code mappings/}, validated. Immutable; a reload builds a new one. */
public record IngestConfig(Path directory, Map<String, ConnectorType> types, Map<String, ConnectorDefinition> connectors,
                           Map<String, MappingDefinition> mappings, Map<String, CodeTable> codeTables,
                           AuthorityRules authority) {

    public List<MappingDefinition> mappingsFor(String connectorId, String sourceTable) {
        ConnectorDefinition c = connectors.get(connectorId);
        if (c == null) {
            return List.of();
        }
        return c.mappings().stream().map(mappings::get)
                .filter(m -> m != null && m.source().table().equalsIgnoreCase(sourceTable))
                .toList();
    }
}
