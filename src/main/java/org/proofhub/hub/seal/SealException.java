package org.proofhub.hub.seal;

/** Base of the seal capability's errors; each subtype carries the seal, purpose, alias or file it concerns. */
public abstract class SealException extends RuntimeException {

    protected SealException(String message, Throwable cause) {
        super(message, cause);
    }
}
