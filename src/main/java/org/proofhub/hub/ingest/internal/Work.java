package org.proofhub.hub.ingest.internal;

import org.proofhub.hub.ingest.MappingDefinition;
import org.proofhub.hub.ingest.SourceChange;

/** One durable write an ingest lane performs, in source order, inside a batch transaction. */
sealed interface Work {

    /** Apply a normalised change; {@code quarantineId} is set when it comes from a replay. */
    record Apply(MappingOutcome.Normalised change, Long quarantineId) implements Work {
    }

    /** Keep a change that failed, encrypted, with its reason; on replay, update the existing entry. */
    record Quarantine(SourceChange change, MappingDefinition mapping, String reason, Long quarantineId) implements Work {
    }

    /** Mark a quarantine entry as handled without applying anything (e.g. no mapping applies any more). */
    record Resolve(long quarantineId, String status, String by) implements Work {
    }
}
