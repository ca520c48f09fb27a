package org.proofhub.hub.proof;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A sealed e-proof: its structured content exactly as sealed (RFC 8785 canonical JSON) and the
 * detached CMS signature over those bytes.
 */
public record IssuedProof(String proofId, String proofType, JsonNode content, byte[] contentBytes, byte[] signature,
                          String contentDigest, String sealId, Instant issuedAt, LocalDate validUntil, String verificationUrl) {
}
