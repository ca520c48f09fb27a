package org.proofhub.hub.proof;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.proofhub.hub.platform.BeijingTime;
import org.proofhub.hub.platform.LocalisedReason;
import org.proofhub.hub.proof.ProofVerificationReport.Check;
import org.proofhub.hub.proof.ProofVerificationReport.Status;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealVerification;
import org.proofhub.hub.seal.SealVerifier;
import org.proofhub.hub.seal.TrustAnchors;

/**
 * The checks of an e-proof that need nothing but the proof, the trust anchors and the CRLs: they run
 * the same online and offline. Revocation of the proof itself and "issued by this hub" need the hub's
 * archive and are added by {@link ProofVerification}.
 */
public final class ProofChecks {
    private ProofChecks() {
    }

    /** The verdict parts: the checks and what the content says, before the archive's checks are added. */
    public record Result(JsonNode content, SealVerification seal, List<Check> checks) {
    }

    public static Result check(byte[] content, byte[] cms, TrustAnchors anchors, Collection<X509CRL> crls, Instant now,
                               SealVerifier verifier, String expectedItem, String expectedApplication) {
        List<Check> checks = new ArrayList<>();
        SealVerification seal = verifier.verify(content, cms, anchors, crls, now);
        seal.checks().forEach(c -> checks.add(new Check("seal." + c.check().name(), status(c.status()), c.because())));
        JsonNode parsed = null;
        try {
            parsed = CanonicalJson.parse(new String(content, java.nio.charset.StandardCharsets.UTF_8));
            boolean canonical = Arrays.equals(CanonicalJson.canonicalBytes(parsed), content);
            checks.add(new Check("CONTENT_FORMAT", canonical ? Status.PASSED : Status.FAILED,
                    LocalisedReason.of(canonical ? ProofReason.CONTENT_CANONICAL : ProofReason.CONTENT_NOT_CANONICAL)));
        } catch (RuntimeException e) {
            checks.add(new Check("CONTENT_FORMAT", Status.FAILED, LocalisedReason.of(ProofReason.CONTENT_NOT_JSON, e.getMessage())));
            return new Result(null, seal, checks);
        }
        String method = parsed.path("method").asText();
        SealPurpose wanted = "DEPARTMENT_VERIFICATION".equals(method) ? SealPurpose.VERIFICATION : SealPurpose.DATA_SHARING;
        if (seal.purpose() != null) {
            boolean ok = seal.purpose() == wanted && parsed.path("seal").path("id").asText().equals(seal.sealId());
            checks.add(new Check("SEAL_MATCHES_PROOF", ok ? Status.PASSED : Status.FAILED, ok
                    ? LocalisedReason.of(ProofReason.SEAL_MATCHES_PROOF, method, wanted.label(), seal.sealId())
                    : LocalisedReason.of(ProofReason.SEAL_DOES_NOT_MATCH_PROOF, method, wanted.label(), seal.sealId(), seal.purpose().label())));
        }
        LocalDate today = BeijingTime.date(now);
        String validUntil = parsed.path("validUntil").asText(null);
        if (validUntil != null) {
            boolean ok = !LocalDate.parse(validUntil).isBefore(today);
            checks.add(new Check("VALIDITY", ok ? Status.PASSED : Status.FAILED,
                    LocalisedReason.of(ok ? ProofReason.VALID_UNTIL : ProofReason.EXPIRED, validUntil)));
        }
        String item = parsed.path("serviceItem").path("code").asText();
        String application = parsed.path("applicationId").asText();
        if (expectedItem == null && expectedApplication == null) {
            checks.add(new Check("PURPOSE", Status.NOT_CHECKED, LocalisedReason.of(ProofReason.PURPOSE_NOT_CHECKED, item, application)));
        } else {
            boolean itemOk = expectedItem == null || expectedItem.equals(item);
            boolean appOk = expectedApplication == null || expectedApplication.equals(application);
            checks.add(new Check("PURPOSE", itemOk && appOk ? Status.PASSED : Status.FAILED, itemOk && appOk
                    ? LocalisedReason.of(ProofReason.PURPOSE_MATCHES, item, application)
                    : LocalisedReason.of(ProofReason.OUT_OF_PURPOSE, item, application, expectedItem == null ? item : expectedItem,
                    expectedApplication == null ? application : expectedApplication)));
        }
        return new Result(parsed, seal, checks);
    }

    /** Builds the report; valid when no check failed and the seal itself is valid. */
    public static ProofVerificationReport report(Result r, List<Check> more) {
        List<Check> all = new ArrayList<>(r.checks());
        all.addAll(more);
        boolean valid = r.seal().valid() && all.stream().noneMatch(c -> c.status() == Status.FAILED);
        JsonNode c = r.content();
        return new ProofVerificationReport(valid,
                c == null ? null : c.path("proofId").asText(null), c == null ? null : c.path("title").asText(null),
                c == null ? null : c.path("proofType").asText(null), c == null ? null : c.path("method").asText(null),
                c == null ? null : c.path("serviceItem").path("code").asText(null), c == null ? null : c.path("applicationId").asText(null),
                c == null ? null : c.path("annotation").path("producingUnit").path("name").asText(null),
                c == null ? null : c.path("issuedAt").asText(null), c == null ? null : c.path("validUntil").asText(null),
                r.seal().sealId(), r.seal().purpose() == null ? null : r.seal().purpose().name(),
                r.seal().algorithm() == null ? null : r.seal().algorithm().name(), r.seal().timeStampTime(), all);
    }

    /** A seal check's status as a report's: what the seal verifier cannot decide is a warning. */
    static Status status(SealVerification.Status s) {
        return switch (s) {
            case PASSED -> Status.PASSED;
            case FAILED -> Status.FAILED;
            default -> Status.WARNING;
        };
    }
}
