package org.proofhub.hub.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What each hub instance on the database runs of {@code connectors/} and {@code mappings/} (see {@code POST /api/ingest/config/reload}). */
public interface ConfigInstances {

    /** Every instance that ever ran on this database, running or not, by instance id. */
    List<Instance> instances();

    /**
     * One instance's configuration.
     *
     * @param generation  the reload it applied (or tried to): 0 before the first reload
     * @param filesDigest SHA-256 of the files it read (paths and contents under {@code connectors/} and {@code mappings/}),
     *                    null when they did not validate (it runs its previous files)
     * @param problem     why the last reload was not applied there in full, null when it was
     * @param running     the instance holds its connector-lock connection now
     * @param thisOne     the instance answering
     */
    record Instance(String instanceId, long generation, String filesDigest, String problem, Instant appliedAt, boolean running,
                    boolean thisOne) {
    }

    /** How many different file digests the running instances read: 1 when they agree. */
    static long digestsAmongRunning(List<Instance> instances) {
        return instances.stream().filter(Instance::running).map(Instance::filesDigest).filter(Objects::nonNull).distinct().count();
    }
}
