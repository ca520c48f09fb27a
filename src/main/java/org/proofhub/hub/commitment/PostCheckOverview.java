package org.proofhub.hub.commitment;

import java.util.List;

/** The post-checks without a finding of each responsible unit: as last counted for the operators' gauges (every 30 s), or now. */
@FunctionalInterface
public interface PostCheckOverview {

    /**
     * @param open          before their due date
     * @param escalated     past it, with the unit's supervisor
     * @param breached      past the supervisor's window too
     * @param breachesTotal every post-check breach of the unit on record
     */
    record UnitPostChecks(String unit, long open, long escalated, long breached, long breachesTotal) {
    }

    /** As last counted. */
    List<UnitPostChecks> perUnit();

    /** Counted now (and the gauges with it): what a live board shows; as last counted where nothing counts anew. */
    default List<UnitPostChecks> countNow() {
        return perUnit();
    }
}
