package org.proofhub.hub.verification.internal;

import java.util.Map;

/** Checks that a file's first bytes fit its declared content type, so an ID scan is what it claims to be. */
final class FileSignatures {
    private static final Map<String, byte[]> MAGIC = Map.of(
            "image/jpeg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
            "image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
            "application/pdf", new byte[]{'%', 'P', 'D', 'F', '-'});

    private FileSignatures() {
    }

    /** True when {@code content} starts as files of {@code contentType} do; unknown types pass. */
    static boolean matches(String contentType, byte[] content) {
        byte[] magic = MAGIC.get(contentType);
        if (magic == null) {
            return true;
        }
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
