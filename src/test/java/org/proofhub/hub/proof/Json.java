package org.proofhub.hub.proof;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The canonical bytes of a proof content returned as JSON, for tests that present it again. */
final class Json {
    private static final ObjectMapper M = new ObjectMapper();

    private Json() {
    }

    static byte[] bytes(Object content) {
        return CanonicalJson.canonicalBytes(M.valueToTree(content));
    }
}
