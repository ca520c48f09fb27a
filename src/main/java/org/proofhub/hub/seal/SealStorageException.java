package org.proofhub.hub.seal;

import java.nio.file.Path;

/** A file of the seal directory could not be read or written. */
public final class SealStorageException extends SealException {
    private final Path path;

    public SealStorageException(Path path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
