package org.proofhub.hub.platform;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.activemq.artemis.core.server.ActiveMQServer;

/**
 * Whether the embedded broker takes messages. Artemis stops taking them when the disk of its journal is fuller than
 * {@code hub.broker.max-disk-usage} (a send then waits until space is freed, however long that is); the parts of the
 * hub that send while a person waits ask here first and leave the message to the outbox relay instead, which sends it
 * once the broker takes messages again. With an external broker the hub cannot tell: it reports nothing.
 */
public final class BrokerState {
    private final Supplier<ActiveMQServer> embedded;
    private final int maxDiskUsage;
    /** The embedded server once found: every acceptance asks, and a bean look-up each time is work on its hot path. */
    private volatile ActiveMQServer server;

    public BrokerState(Supplier<ActiveMQServer> embedded, int maxDiskUsage) {
        this.embedded = embedded;
        this.maxDiskUsage = maxDiskUsage;
    }

    /** A broker that cannot tell (an external one, or none): never refusing. */
    public static BrokerState unknown() {
        return new BrokerState(() -> null, -1);
    }

    /** Why the embedded broker takes no messages now; empty when it takes them (or when the hub cannot tell). */
    public Optional<String> refusal() {
        ActiveMQServer server = server();
        if (server == null || server.getPagingManager() == null || !server.getPagingManager().isDiskFull()) {
            return Optional.empty();
        }
        String usage = diskUsagePercent(server).map(p -> p + " % full").orElse("full");
        return Optional.of("the broker's disk is " + usage + " (hub.broker.max-disk-usage is " + maxDiskUsage
                + " %): it takes no messages until space is freed; messages wait in the hub's outbox");
    }

    public boolean refusing() {
        return refusal().isPresent();
    }

    /** How full the disk of the embedded broker's journal is, in percent. */
    public Optional<Integer> diskUsagePercent() {
        ActiveMQServer server = server();
        return server == null ? Optional.empty() : diskUsagePercent(server);
    }

    private ActiveMQServer server() {
        ActiveMQServer found = server;
        if (found == null) {
            found = embedded.get();
            server = found;
        }
        return found;
    }

    public int maxDiskUsage() {
        return maxDiskUsage;
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
