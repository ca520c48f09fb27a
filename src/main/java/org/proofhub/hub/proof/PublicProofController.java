package org.proofhub.hub.proof;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.proofhub.hub.catalog.CertificateFreeList;
import org.proofhub.hub.catalog.PublishedList;
import org.proofhub.hub.platform.HubException;
import org.proofhub.hub.seal.Seal;
import org.proofhub.hub.seal.SealModule;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What anyone may see without an account: verifying a proof, the hub's trust anchors and CRLs, the
 * seals, and the published certificate-free list (the seeds require it to be announced to society).
 */
@RestController
@RequestMapping("/api/public")
@Tag(name = "Public", description = "Verification of e-proofs, trust anchors, the published list (公开)")
class PublicProofController {
    private final ProofArchive archive;
    private final SealModule seals;
    private final PublishedList list;

    PublicProofController(ProofArchive archive, SealModule seals, PublishedList list) {
        this.archive = archive;
        this.seals = seals;
        this.list = list;
    }

    /**
     * A presented proof: its content (as sealed: the JSON text, or base64 of its bytes) and its
     * detached signature (base64), and optionally the item and application it is presented for.
     */
    record Presented(String content, String contentBase64, String signature, String serviceItemCode, String applicationId) {
    }

    @PostMapping("/proofs/verify")
    @Operation(summary = "Verify a proof: seal, chain, purpose, time-stamp, revocation, content; and whether it is out of purpose")
    ProofVerificationReport verify(@RequestBody Presented p) {
        if (p.signature() == null || (p.content() == null && p.contentBase64() == null)) {
            throw HubException.badRequest("proof-required", "give the proof's content (content or contentBase64) and its signature (base64)");
        }
        byte[] content = p.contentBase64() != null ? Base64.getDecoder().decode(p.contentBase64()) : p.content().getBytes(StandardCharsets.UTF_8);
        return archive.verify(content, Base64.getDecoder().decode(p.signature()), p.serviceItemCode(), p.applicationId());
    }

    @PostMapping(value = "/proofs/verify-pdf", consumes = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "Verify a printed proof's PDF: its PAdES seal and the archived proof it names")
    ProofVerificationReport verifyPdf(@RequestBody byte[] pdf, @RequestParam(required = false) String serviceItemCode,
                                      @RequestParam(required = false) String applicationId) {
        return archive.verifyPdf(pdf, serviceItemCode, applicationId);
    }

    @GetMapping("/proofs/{proofId}/verification")
    @Operation(summary = "What the QR code leads to: the archived proof's validity now, checked against the code's digest, "
            + "optionally for the item and application it is presented for")
    ProofVerificationReport byId(@PathVariable String proofId, @RequestParam(name = "d", required = false) String digest,
                                 @RequestParam(required = false) String serviceItemCode, @RequestParam(required = false) String applicationId) {
        return archive.verifyById(proofId, digest, serviceItemCode, applicationId);
    }

    @GetMapping(value = "/seals/roots.pem", produces = "application/x-pem-file")
    String roots() {
        return seals.trustAnchors().toPem();
    }

    @GetMapping(value = "/seals/crls.pem", produces = "application/x-pem-file")
    String crls() {
        return ProofArchive.crlPem(seals.certificateAuthority().currentCrls());
    }

    /** A seal as the public sees it. */
    record PublicSeal(String id, String purpose, String label, String unit, String algorithm, String status, String notBefore, String notAfter) {
    }

    @GetMapping("/seals")
    List<PublicSeal> seals() {
        return seals.registry().seals().stream().map(PublicProofController::view).toList();
    }

    @GetMapping("/list")
    @Operation(summary = "The published certificate-free list (无证明事项清单) with its version and date")
    CertificateFreeList list() {
        return list.current().list();
    }

    static PublicSeal view(Seal s) {
        return new PublicSeal(s.id(), s.purpose().name(), s.purpose().label(), s.unitCode(), s.algorithm().name(), s.status().name(),
                s.notBefore().toString(), s.notAfter().toString());
    }
}
