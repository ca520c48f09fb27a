package org.proofhub.hub.seal;

/** The time-stamp authority could not answer a request. */
public final class TimeStampException extends SealException {

    public TimeStampException(String problem, Throwable cause) {
        super("time-stamp authority: " + problem, cause);
    }
}
