package org.proofhub.hub.proof;

/** A JSON value has no RFC 8785 canonical form: it is not I-JSON (RFC 7493). */
public final class CanonicalJsonException extends RuntimeException {
    private final String path;

    public CanonicalJsonException(String path, String problem) {
        super("JSON value at " + path + " " + problem);
        this.path = path;
    }

    /** Where in the document, as a JSON Pointer (RFC 6901); empty for the root. */
    public String path() {
        return path;
    }
}
