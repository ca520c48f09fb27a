package org.proofhub.hub.verification;

import java.util.regex.Pattern;

/**
 * The Artemis addresses of department verification (anycast queues). The hub writes every outgoing
 * message to {@link #DISPATCH}; the route {@code verification-dispatch} in {@code routes/verification.yaml}
 * moves it to the unit's queue.
 */
public final class VerificationAddresses {
    /** Where the hub's outbox hands messages over; a route delivers them to the units' queues. */
    public static final String DISPATCH = "hub.verification.dispatch";
    /** Where departments' systems send {@link VerificationReplyMessage}s. */
    public static final String REPLIES = "hub.verification.replies";

    private static final Pattern UNIT = Pattern.compile("[A-Z0-9_]{1,32}");

    private VerificationAddresses() {
    }

    /** Requests for the issuing unit ({@link VerificationRequestMessage}). */
    public static String requests(String unit) {
        return "hub.verification.unit." + checked(unit) + ".requests";
    }

    /** Answers and other news for the requesting unit ({@link VerificationNoticeMessage}). */
    public static String answers(String unit) {
        return "hub.verification.unit." + checked(unit) + ".answers";
    }

    /** Escalations and breaches for the unit's supervisor ({@link VerificationNoticeMessage}). */
    public static String supervisor(String unit) {
        return "hub.verification.unit." + checked(unit) + ".supervisor";
    }

    /** Unit codes become parts of address names: only upper-case letters, digits and _. */
    public static String checked(String unit) {
        if (unit == null || !UNIT.matcher(unit).matches()) {
            throw new IllegalArgumentException("unit code '" + unit + "' cannot name an address: use A-Z, 0-9 and _ (at most 32)");
        }
        return unit;
    }
}
