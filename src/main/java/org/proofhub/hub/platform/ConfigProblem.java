package org.proofhub.hub.platform;

/**
 * One thing wrong in a connector, connector type or mapping file: the file, the key inside it
 * (a JSON-pointer-like path) and what is wrong, in words an integrator can act on.
 */
public record ConfigProblem(String file, String key, String problem) {
    @Override
    public String toString() {
        return file + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem;
    }
}
