package org.proofhub.hub.ingest;

import java.util.List;
import java.util.Map;

/**
 * A department source as declared in {@code connectors/<id>.connector.yaml}, with placeholders resolved.
 *
 * @param unit       code of the department unit that owns the source (named in lineage and proofs)
 * @param type       the connector type ({@code connectors/types/<type>.kamelet.yaml})
 * @param properties values for the type's properties
 * @param mappings   ids of the mappings applied to the source's rows
 * @param file       the file it was read from, relative to the configuration directory
 */
public record ConnectorDefinition(String id, String title, String unit, String type, boolean enabled,
                                  String description, Map<String, Object> properties, List<String> mappings,
                                  String file) {

    public String property(String name) {
        Object v = properties.get(name);
        return v == null ? null : String.valueOf(v);
    }
}
