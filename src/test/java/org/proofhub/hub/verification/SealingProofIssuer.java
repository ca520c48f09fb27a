package org.proofhub.hub.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.proofhub.hub.proof.CanonicalJson;
import org.proofhub.hub.seal.Seal;
import org.proofhub.hub.seal.SealAlgorithm;
import org.proofhub.hub.seal.SealModule;
import org.proofhub.hub.seal.SealPurpose;
import org.proofhub.hub.seal.SealSettings;
import org.proofhub.hub.seal.SealVerification;
import org.proofhub.hub.seal.TestKeyStores;

/**
 * A real {@link VerificationProofIssuer} for tests, standing in for the proof capability: the confirmed
 * facts, annotated with producing unit, extracting unit and extraction time, become RFC 8785 canonical JSON
 * sealed with the hub's verification seal (detached CMS with a time-stamp). Issuing twice for one request
 * gives the same proof, as the port demands.
 */
public final class SealingProofIssuer implements VerificationProofIssuer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SealModule seals;
    private final Clock clock;
    private final Seal seal;
    private final Map<String, Issued> byRequest = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile RuntimeException failNext;

    /** The sealed proof: its content exactly as sealed, and the detached signature. */
    public record Issued(String proofId, String requestId, byte[] content, byte[] cms, Instant sealedAt) {
    }

    public SealingProofIssuer(Clock clock) {
        TestKeyStores.useCheapKeyDerivation();
        try {
            Path dir = Files.createTempDirectory("verification-seals");
            this.seals = SealModule.open(SealSettings.of(dir, "test-only-password".toCharArray()), clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.clock = clock;
        this.seal = seals.registry().create(SealPurpose.VERIFICATION, "SJJ", SealAlgorithm.ECDSA_P256_SHA256);
    }

    @Override
    public IssuedProof issue(ConfirmedVerification c) {
        calls.incrementAndGet();
        RuntimeException fail = failNext;
        if (fail != null) {
            failNext = null;
            throw fail;
        }
        Issued issued = byRequest.computeIfAbsent(c.requestId(), id -> seal(c));
        return new IssuedProof(issued.proofId(), seal.id(), issued.sealedAt());
    }

    private Issued seal(ConfirmedVerification c) {
        Instant now = clock.instant();
        ObjectNode proof = JSON.createObjectNode();
        proof.put("proofId", "EP-" + c.requestId());
        proof.put("kind", "VERIFICATION");
        proof.put("requestId", c.requestId());
        proof.put("serviceItemCode", c.serviceItemCode());
        proof.put("applicationId", c.applicationId());
        proof.put("proofType", c.proofType());
        proof.put("subjectType", c.subjectType().name());
        proof.put("subjectId", c.subjectId());
        proof.put("subjectName", c.subjectName());
        ObjectNode facts = proof.putObject("facts");
        c.content().forEach(facts::put);
        // 001 art. 9: the hub annotates the producing unit, the extracting unit and the extraction time
        proof.put("producingUnit", c.producingUnit());
        proof.put("extractingUnit", c.extractingUnit());
        proof.put("extractionTime", now.toString());
        proof.put("confirmedBy", c.answeredBy());
        proof.put("confirmedAt", c.confirmedAt().toString());
        byte[] content = CanonicalJson.canonicalBytes(proof);
        byte[] cms = seals.sealer().seal(content, SealPurpose.VERIFICATION, seal.id());
        return new Issued("EP-" + c.requestId(), c.requestId(), content, cms, now);
    }

    public Issued issued(String requestId) {
        return byRequest.get(requestId);
    }

    public int calls() {
        return calls.get();
    }

    /** The next call throws {@code e}, as a sealing service that is away would. */
    public void failNext(RuntimeException e) {
        failNext = e;
    }

    /** Verifies a proof as anyone holding it would: content, signature, certificate chain, CRL, time-stamp. */
    public SealVerification verify(Issued issued) {
        return seals.verifier().verify(issued.content(), issued.cms(), seals.trustAnchors(), seals.certificateAuthority().currentCrls(),
                clock.instant());
    }

    public static Map<String, Object> read(byte[] content) {
        try {
            return JSON.readValue(content, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
