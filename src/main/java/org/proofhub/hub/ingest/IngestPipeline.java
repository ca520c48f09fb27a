package org.proofhub.hub.ingest;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where every connector hands its changes: they are normalised by the connector's mappings and
 * written in source order. The future completes when the change (or its quarantine entry) is durable.
 */
public interface IngestPipeline {

    /** The connector, mapping and authority configuration currently applied. */
    IngestConfig config();

    CompletableFuture<Void> accept(SourceChange change);

    default CompletableFuture<Void> acceptAll(List<SourceChange> changes) {
        return CompletableFuture.allOf(changes.stream().map(this::accept).toArray(CompletableFuture[]::new));
    }
}
