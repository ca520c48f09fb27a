package org.proofhub.hub.rating;

import java.util.Optional;

/**
 * Where a rating finds what it rates: each capability whose handled requests can be rated (好差评,
 * 000 10.1: 一次一评、一事一评) provides one bean of this type for its target type.
 */
public interface RatedServices {

    /** QUERY, VERIFICATION or COMMITMENT. */
    String targetType();

    /** The handled request {@code id}: who handled it and for which item; empty when there is none. */
    Optional<RatedService> find(String id);

    /**
     * @param unitCode        the unit whose service is rated
     * @param handled         whether it was handled (only handled requests can be rated)
     * @param state           its state, for the message when it is not handled yet
     * @param windowUnit      the unit at whose window the applicant was served: only its people record the rating
     */
    record RatedService(String unitCode, String serviceItemCode, boolean handled, String state, String windowUnit) {
        /** A service rated at the window of the unit that gave it. */
        public RatedService(String unitCode, String serviceItemCode, boolean handled, String state) {
            this(unitCode, serviceItemCode, handled, state, unitCode);
        }
    }
}
