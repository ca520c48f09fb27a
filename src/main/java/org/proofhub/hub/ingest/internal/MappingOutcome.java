package org.proofhub.hub.ingest.internal;

import java.util.Map;
import org.proofhub.hub.ingest.MappingDefinition;
import org.proofhub.hub.ingest.SourceChange;

/** What a mapping made of one source change. */
sealed interface MappingOutcome {

    /** The mapping's {@code when} condition excludes the row: nothing to do, nothing wrong. */
    record NotApplicable(MappingDefinition mapping) implements MappingOutcome {
    }

    /**
     * A canonical change. {@code recordKey} is null for a delete whose source no longer tells the
     * key (only the primary key survives a delete): the writer finds it through the source link.
     */
    record Normalised(MappingDefinition mapping, SourceChange change, String kind, String recordKey,
                      SourceChange.Operation operation, Map<String, Object> fields) implements MappingOutcome {
    }

    /** The row fails the mapping: quarantine it with this reason (which never quotes personal data). */
    record Rejected(MappingDefinition mapping, SourceChange change, String reason) implements MappingOutcome {
    }
}
