package org.proofhub.hub.verification;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a verification request stands in the issuing unit. RECEIVED, OPENED and DELAYED await an
 * answer; CONFIRMED, REJECTED and RETURNED are answers and final.
 */
public enum RequestStatus {
    RECEIVED, OPENED, DELAYED, CONFIRMED, REJECTED, RETURNED;

    /** The states in which the issuing unit still owes an answer. */
    public static final Set<RequestStatus> AWAITING_ANSWER = EnumSet.of(RECEIVED, OPENED, DELAYED);

    public boolean awaitsAnswer() {
        return AWAITING_ANSWER.contains(this);
    }
}
