package org.proofhub.hub.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Platform settings of the hub ({@code hub.*}): where its data lives and which embedded services it starts.
 *
 * @param dataDir          directory for the embedded database, broker journal, keys and seals; reused by the next start
 * @param publicUrl        base URL printed at start-up and used in verification links
 * @param embeddedPostgres the embedded PostgreSQL server (off when an external database is configured)
 * @param broker           the embedded Artemis broker's network acceptor
 * @param instanceId       names this hub instance where several share one database (the connectors each runs, the
 *                         deadlines it fired); empty = host name and process id
 */
@Validated
@ConfigurationProperties("hub")
public record HubProperties(
        @NotNull String dataDir,
        String publicUrl,
        @Valid @NotNull EmbeddedPostgres embeddedPostgres,
        @Valid @NotNull Broker broker,
        @DefaultValue("") String instanceId) {

    /** {@link #instanceId}, or host name and process id when it is not set; at most 64 characters. */
    public String resolvedInstanceId() {
        return resolveInstanceId(instanceId);
    }

    /** {@code configured}, or host name and process id when it is blank; at most 64 characters. */
    public static String resolveInstanceId(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        String id = host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
        return id.length() > 64 ? id.substring(id.length() - 64) : id;
    }

    /** The data directory, absolute. (Bound as text: Spring would resolve a Path against the servlet context.) */
    public Path dataPath() {
        return Path.of(dataDir).toAbsolutePath().normalize();
    }

    /**
     * @param enabled start a PostgreSQL server from the data directory
     * @param port    0 picks a free port at each start
     * @param hubDatabase name of the hub's own database
     * @param settings    further postgresql.conf settings, e.g. {@code track-commit-timestamp: on}; they win over the hub's own.
     *                    Dashes become underscores: Spring drops an unbracketed map key's underscores while binding.
     * @param poolSize    connections of the hub's pool: more lets more requests wait inside PostgreSQL instead of in the
     *                    pool's queue, which on a small machine only adds backends that take CPU from each other
     * @param departmentsServer with the demo: its department databases on a server of their own (as departments' are),
     *                    so that the CDC connectors' WAL senders do not decode the hub's own writes too
     */
    public record EmbeddedPostgres(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("0") @Min(0) int port,
                                   @DefaultValue("hub") @NotBlank String hubDatabase,
                                   Map<String, String> settings,
                                   @DefaultValue("8") @Min(2) int poolSize,
                                   @DefaultValue("true") boolean departmentsServer) {
        public EmbeddedPostgres {
            settings = settings == null ? Map.of() : settings.entrySet().stream().collect(
                    Collectors.toUnmodifiableMap(e -> e.getKey().replace('-', '_'), Map.Entry::getValue));
        }
    }

    /**
     * @param tcpPort              port of the broker's TCP acceptor for departments' own systems; -1 disables it
     * @param journalBufferTimeout longest wait of the embedded broker's journal for more writes before it flushes and
     *                             syncs (a durable send waits for that); longer suits slow disks, shorter answers sooner
     * @param journalCompactMinFiles journal files the embedded broker holds before it may compact them (Artemis: 10); 0
     *                             never compacts
     * @param maxDiskUsage         percent of its disk in use at which the embedded broker stops taking messages (Artemis's
     *                             default, 90); -1 never stops. Meanwhile acceptances leave their messages to the outbox
     *                             relay, health component {@code broker} is down and alert {@code BROKER_REFUSING} fires
     * @param diskScanPeriod       how often the embedded broker looks at its disk's use, and how often the hub asks an
     *                             external broker how full its disk is
     * @param managementAddress    an external broker's management address, where the hub asks about its disk (the hub's
     *                             broker user needs the manage permission on it)
     * @param idCacheSize          duplicate-detection ids the embedded broker remembers per address (persisted): a copy
     *                             the outbox relay sends again is dropped while its id is among the last this many of its
     *                             address. Each id lives on the Java heap until pushed out, which is what young
     *                             collections copy most at high rates (docs/verification.md, sixth round)
     */
    public record Broker(@DefaultValue("-1") int tcpPort,
                         @DefaultValue("500us") java.time.Duration journalBufferTimeout,
                         @DefaultValue("40") @Min(0) int journalCompactMinFiles,
                         @DefaultValue("90") @Min(-1) @jakarta.validation.constraints.Max(100) int maxDiskUsage,
                         @DefaultValue("5s") java.time.Duration diskScanPeriod,
                         @DefaultValue("activemq.management") String managementAddress,
                         @DefaultValue("50000") @Min(1) int idCacheSize) {
    }
}
