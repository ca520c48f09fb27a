package org.proofhub.hub.seal;

/**
 * The hub's own object identifiers: certificate policies and extended key usages of the seals,
 * and the time-stamp policy of the hub's TSA. Every hub OID is derived from {@link #ARC} here.
 */
public final class ProofHubOids {

    /**
     * PLACEHOLDER private enterprise arc: 99999 is not an IANA number assigned to the operator.
     * Replace it here, and only here, with the operator's registered arc before production;
     * certificates issued under the placeholder must then be issued again.
     */
    public static final String ARC = "1.3.6.1.4.1.99999";

    /** Certificate policies of the seals: {@code ARC.1.n}. */
    public static final String CERTIFICATE_POLICY_ARC = ARC + ".1";

    /** Extended key usages of the seals: {@code ARC.2.n}. */
    public static final String EXTENDED_KEY_USAGE_ARC = ARC + ".2";

    /** Policy under which the hub's own TSA issues time-stamp tokens. */
    public static final String TIME_STAMP_POLICY = ARC + ".3.1";

    private ProofHubOids() {
    }
}
