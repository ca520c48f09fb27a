package org.proofhub.hub.seal;

/** A signing token could not load, store, generate or use a key. */
public final class SigningTokenException extends SealException {
    private final String alias;

    /** @param alias the key alias concerned, or {@code null} when the whole token is concerned */
    public SigningTokenException(String alias, String problem, Throwable cause) {
        super((alias == null ? "signing token: " : "signing token, key " + alias + ": ") + problem, cause);
        this.alias = alias;
    }

    /** The key alias concerned, or {@code null}. */
    public String alias() {
        return alias;
    }
}
