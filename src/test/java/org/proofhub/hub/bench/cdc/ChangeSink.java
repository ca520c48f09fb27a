package org.proofhub.hub.bench.cdc;

import java.time.Duration;
import org.proofhub.hub.bench.cdc.BenchPersons.Person;

/** Where captured changes end up: the hub's canonical store, or the raw engine's counting consumer. */
interface ChangeSink {

    /** Short name for reports. */
    String name();

    /**
     * Announces the insert of {@code person}, before it is committed, so that its arrival cannot be
     * missed. Since changes arrive in commit order, once it has arrived every change committed before
     * it has arrived too.
     */
    Arrival expect(Person person);

    /** The awaited arrival of one insert. */
    interface Arrival {
        /** Blocks until the insert has arrived; returns {@link System#nanoTime()} when it was seen. */
        long await(Duration timeout) throws Exception;
    }
}
