package org.proofhub.hub.seal;

/**
 * A seal cannot do what was asked in its current state: it is retired, revoked or expired, a purpose
 * has no active seal (or several), or a second active seal would be created.
 */
public final class SealStateException extends SealException {
    private final String sealId;
    private final SealPurpose purpose;

    /**
     * @param sealId  the seal concerned, or {@code null} when the problem is that no single seal fits
     * @param purpose the purpose concerned, or {@code null} when unknown
     */
    public SealStateException(String sealId, SealPurpose purpose, String problem) {
        super(describe(sealId, purpose) + problem, null);
        this.sealId = sealId;
        this.purpose = purpose;
    }

    private static String describe(String sealId, SealPurpose purpose) {
        if (sealId != null) {
            return "seal " + sealId + (purpose == null ? "" : " (" + purpose + ")") + ": ";
        }
        return purpose == null ? "" : "purpose " + purpose + ": ";
    }

    /** The seal concerned, or {@code null}. */
    public String sealId() {
        return sealId;
    }

    /** The purpose concerned, or {@code null}. */
    public SealPurpose purpose() {
        return purpose;
    }
}
