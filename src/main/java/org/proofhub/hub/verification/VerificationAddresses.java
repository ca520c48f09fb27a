package org.proofhub.hub.verification;

import java.util.regex.Pattern;

/**
 * The Artemis addresses of department verification, all anycast queues, one set per unit. The hub's
 * outbox delivers to the unit queues; departments' systems reply to {@link #REPLIES}.
 */
public final class VerificationAddresses {
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
