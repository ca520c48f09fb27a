package org.proofhub.hub.seal;

/** A prepared seal request could not be assembled into a CMS signature. */
public final class SealAssemblyException extends SealException {
    private final String sealId;

    public SealAssemblyException(String sealId, String problem, Throwable cause) {
        super("seal " + sealId + ": " + problem, cause);
        this.sealId = sealId;
    }

    public String sealId() {
        return sealId;
    }
}
