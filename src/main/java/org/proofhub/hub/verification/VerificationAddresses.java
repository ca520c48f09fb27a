package org.proofhub.hub.verification;

import java.util.regex.Pattern;

/**
 * The Artemis addresses of department verification, all anycast queues, one set per unit. The hub's
 * outbox delivers to the unit queues; departments' systems reply to {@link #REPLIES}.
 */
public final class VerificationAddresses {
    /** Where departments' systems send {@link VerificationReplyMessage}s. */
    public static final String REPLIES = "hub.verification.replies";

    /**
     * The JMS string property that names a message's kind on the unit queues, so that a department's consumer picks the Avro
     * decoder without trying: on {@link #requests} {@value #REQUEST} ({@link VerificationRequestMessage}), {@value #POST_CHECK}
     * ({@code commitment.PostCheckTaskMessage}) or {@value #POST_CHECK_NOTICE} ({@code commitment.PostCheckNoticeMessage});
     * {@code answer} on {@link #answers} and {@code alert} on {@link #supervisor} ({@link VerificationNoticeMessage}).
     */
    public static final String MESSAGE_TYPE = "messageType";
    /** {@link #MESSAGE_TYPE} of a verification request. */
    public static final String REQUEST = "request";
    /** {@link #MESSAGE_TYPE} of a post-check task of a commitment (事中事后核查), sent to the responsible unit like a request. */
    public static final String POST_CHECK = "post-check";
    /** {@link #MESSAGE_TYPE} of a notice about an open post-check: overdue, or breached. */
    public static final String POST_CHECK_NOTICE = "post-check-notice";

    private static final Pattern UNIT = Pattern.compile("[A-Z0-9_]{1,32}");

    private VerificationAddresses() {
    }

    /**
     * Requests for the issuing unit ({@link VerificationRequestMessage}), and the post-check tasks of commitments for the
     * responsible unit with their notices: the same queue, told apart by {@link #MESSAGE_TYPE}.
     */
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
