package org.proofhub.hub.seal;

/** No seal has the given id. */
public final class SealNotFoundException extends SealException {
    private final String sealId;

    public SealNotFoundException(String sealId) {
        super("no seal with id " + sealId, null);
        this.sealId = sealId;
    }

    public String sealId() {
        return sealId;
    }
}
