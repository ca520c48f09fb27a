package org.proofhub.hub.platform;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.activemq.artemis.core.server.ActiveMQServer;

/**
 * Whether the broker takes messages. Artemis stops taking them when the disk of its journal is fuller than its
 * max-disk-usage (a send then waits until space is freed, however long that is); the parts of the hub that send while a
 * person waits ask here first and leave the message to the outbox relay instead, which sends it once the broker takes
 * messages again. The embedded broker is asked directly; an external one through its management address by
 * {@link ExternalBrokerMonitor}, every {@code hub.broker.disk-scan-period}. While an external broker has not answered,
 * the hub cannot tell and reports nothing.
 */
public final class BrokerState {
    private final Supplier<ActiveMQServer> embedded;
    private final int maxDiskUsage;
    /**
     * The embedded server, or empty when there is none, once looked up: every acceptance asks, and a bean look-up each time
     * is work on its hot path.
     */
    private volatile Optional<ActiveMQServer> server;
    /** What the external broker last said; null while it has not answered (or when the broker is embedded). */
    private volatile ExternalReading external;

    /**
     * An external broker's answer.
     *
     * @param diskUsage    the share of its journal's disk in use, 0 to 1 (Artemis's {@code DiskStoreUsage})
     * @param maxDiskUsage its max-disk-usage in percent; -1 when it never stops
     * @param url          where it is, for the reasons given
     */
    public record ExternalReading(double diskUsage, int maxDiskUsage, String url) {
        /** As Artemis decides it: the disk is full when its use exceeds the limit. */
        boolean full() {
            return maxDiskUsage >= 0 && diskUsage * 100 > maxDiskUsage;
        }

        int usagePercent() {
            return (int) Math.round(diskUsage * 100);
        }
    }

    public BrokerState(Supplier<ActiveMQServer> embedded, int maxDiskUsage) {
        this.embedded = embedded;
        this.maxDiskUsage = maxDiskUsage;
    }

    /** A broker that cannot tell (none, or one nobody asks): never refusing. */
    public static BrokerState unknown() {
        return new BrokerState(() -> null, -1);
    }

    /** Why the broker takes no messages now; empty when it takes them (or when the hub cannot tell). */
    public Optional<String> refusal() {
        ActiveMQServer server = server();
        if (server != null) {
            if (server.getPagingManager() == null || !server.getPagingManager().isDiskFull()) {
                return Optional.empty();
            }
            String usage = diskUsagePercent(server).map(p -> p + " % full").orElse("full");
            return Optional.of("the broker's disk is " + usage + " (hub.broker.max-disk-usage is " + maxDiskUsage
                    + " %): it takes no messages until space is freed; messages wait in the hub's outbox");
        }
        ExternalReading reading = external;
        if (reading == null || !reading.full()) {
            return Optional.empty();
        }
        return Optional.of("the disk of the broker at " + reading.url() + " is " + reading.usagePercent() + " % full (its max-disk-usage is "
                + reading.maxDiskUsage() + " %): it takes no messages until space is freed; messages wait in the hub's outbox");
    }

    public boolean refusing() {
        return refusal().isPresent();
    }

    /** How full the disk of the broker's journal is, in percent, when known. */
    public Optional<Integer> diskUsagePercent() {
        ActiveMQServer server = server();
        if (server != null) {
            return diskUsagePercent(server);
        }
        ExternalReading reading = external;
        return reading == null ? Optional.empty() : Optional.of(reading.usagePercent());
    }

    /** The broker's max-disk-usage in percent (-1: never stops), when known. */
    public Optional<Integer> maxDiskUsagePercent() {
        if (server() != null) {
            return Optional.of(maxDiskUsage);
        }
        ExternalReading reading = external;
        return reading == null ? Optional.empty() : Optional.of(reading.maxDiskUsage());
    }

    /** "embedded", "external" (it has answered) or "unknown". */
    public String kind() {
        return server() != null ? "embedded" : external != null ? "external" : "unknown";
    }

    /** The embedded broker's server; empty with an external broker. */
    public Optional<ActiveMQServer> embeddedServer() {
        return Optional.ofNullable(server());
    }

    /** Whether the hub runs its own broker. */
    boolean embedded() {
        return server() != null;
    }

    /** The external broker's latest answer, or null when it did not answer. */
    void external(ExternalReading reading) {
        this.external = reading;
    }

    private ActiveMQServer server() {
        Optional<ActiveMQServer> found = server;
        if (found == null) {
            found = Optional.ofNullable(embedded.get());
            server = found;
        }
        return found.orElse(null);
    }

    private static Optional<Integer> diskUsagePercent(ActiveMQServer server) {
        try {
            Path journal = server.getConfiguration().getJournalLocation().toPath();
            FileStore store = Files.getFileStore(Files.exists(journal) ? journal : journal.toAbsolutePath().getRoot());
            long total = store.getTotalSpace();
            return total <= 0 ? Optional.empty() : Optional.of((int) Math.round(100.0 * (total - store.getUsableSpace()) / total));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
