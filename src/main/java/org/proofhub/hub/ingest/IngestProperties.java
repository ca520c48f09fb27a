package org.proofhub.hub.ingest;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Ingest settings ({@code hub.ingest.*}).
 *
 * @param configDirectory   the directory holding {@code connectors/} and {@code mappings/}
 * @param startConnectors   start every enabled connector with the hub (off for tools and some tests)
 * @param batchSize         changes written per database transaction at most
 * @param laneCapacity      changes a connector may have queued before its source is held back
 * @param drainTimeout      how long an offset commit waits for queued changes to be written
 * @param outboxBatchSize   messages sent to Artemis per broker transaction
 * @param outboxInterval    how often the outbox is polled when it was empty
 * @param leadershipInterval how often an instance looks for connectors whose instance went (to take them over) and
 *                          applies pauses and resumes made on another instance
 */
@Validated
@ConfigurationProperties("hub.ingest")
public record IngestProperties(
        @NotNull @DefaultValue(".") String configDirectory,
        @DefaultValue("true") boolean startConnectors,
        @DefaultValue("500") @Min(1) int batchSize,
        @DefaultValue("20000") @Min(1) int laneCapacity,
        @DefaultValue("60s") Duration drainTimeout,
        @DefaultValue("500") @Min(1) int outboxBatchSize,
        @DefaultValue("50ms") Duration outboxInterval,
        @DefaultValue("2s") Duration leadershipInterval) {

    /** The configuration directory, absolute. (Bound as text: Spring would resolve a Path against the servlet context.) */
    public Path configPath() {
        return Path.of(configDirectory).toAbsolutePath().normalize();
    }
}
