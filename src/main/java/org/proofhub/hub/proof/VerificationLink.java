package org.proofhub.hub.proof;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where and how an e-proof is checked online: {@code <hub>/verify/<proofId>?d=<digest>}, the text of the
 * proof's QR code. The digest is the unpadded base64url SHA-256 of the proof's canonical JSON (RFC 8785),
 * so the page the link opens can tell whether the printed proof is the one the hub sealed, not merely one
 * with the same id.
 *
 * @param hubBase       the hub's public base address, e.g. {@code https://hub.example.gov.cn/}
 * @param proofId       the proof's id; letters, digits, {@code . _ -} only, so it needs no escaping
 * @param contentDigest unpadded base64url SHA-256 of the proof's canonical content (43 characters)
 */
public record VerificationLink(URI hubBase, String proofId, String contentDigest) {

    private static final Pattern PROOF_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SHA256_BASE64URL = Pattern.compile("[A-Za-z0-9_-]{43}");

    public VerificationLink {
        Objects.requireNonNull(hubBase, "hubBase");
        if (!hubBase.isAbsolute() || hubBase.getQuery() != null || hubBase.getFragment() != null) {
            throw new IllegalArgumentException("hub base " + hubBase + " must be an absolute address without query"
                    + " or fragment");
        }
        if (proofId == null || !PROOF_ID.matcher(proofId).matches()) {
            throw new IllegalArgumentException("proof id '" + proofId + "' must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        if (contentDigest == null || !SHA256_BASE64URL.matcher(contentDigest).matches()) {
            throw new IllegalArgumentException("content digest of proof " + proofId
                    + " must be an unpadded base64url SHA-256 (43 characters)");
        }
    }

    /** The link for a proof whose canonical content is {@code content}. */
    public static VerificationLink of(URI hubBase, String proofId, JsonNode content) {
        return new VerificationLink(hubBase, proofId, digestOf(CanonicalJson.canonicalBytes(content)));
    }

    /** Unpadded base64url SHA-256 of {@code canonicalBytes}, as the link carries it. */
    public static String digestOf(byte[] canonicalBytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalBytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The address to open, in ASCII, as the QR code carries it. */
    public URI uri() {
        String base = hubBase.toASCIIString();
        return URI.create(base + (base.endsWith("/") ? "" : "/") + "verify/" + proofId + "?d=" + contentDigest);
    }
}
