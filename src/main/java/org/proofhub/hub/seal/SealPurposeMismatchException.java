package org.proofhub.hub.seal;

/**
 * A seal was asked to seal a proof of another purpose, e.g. a data-sharing seal for a verification proof.
 * Refused because each seal is made for one use only (SPEC §3.6).
 */
public final class SealPurposeMismatchException extends SealException {
    private final String sealId;
    private final SealPurpose sealPurpose;
    private final SealPurpose requestedPurpose;

    public SealPurposeMismatchException(String sealId, SealPurpose sealPurpose, SealPurpose requestedPurpose) {
        super("seal " + sealId + " is a " + sealPurpose + " seal (" + sealPurpose.label() + ") and may not seal a "
                + requestedPurpose + " proof (" + requestedPurpose.label() + ")", null);
        this.sealId = sealId;
        this.sealPurpose = sealPurpose;
        this.requestedPurpose = requestedPurpose;
    }

    public String sealId() {
        return sealId;
    }

    public SealPurpose sealPurpose() {
        return sealPurpose;
    }

    public SealPurpose requestedPurpose() {
        return requestedPurpose;
    }
}
