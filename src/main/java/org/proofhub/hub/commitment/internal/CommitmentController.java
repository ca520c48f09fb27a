package org.proofhub.hub.commitment.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Base64;
import org.proofhub.hub.account.Accounts;
import org.proofhub.hub.commitment.Applicant;
import org.proofhub.hub.commitment.CommitmentRequests;
import org.proofhub.hub.commitment.CommitmentView;
import org.proofhub.hub.commitment.Eligibility;
import org.proofhub.hub.proof.CanonicalJson;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Commitments at the window: eligibility, offer with letters, signature, decline, withdrawal, decision, proxy authorisations. */
@RestController
@RequestMapping("/api/commitments")
@Tag(name = "Commitments", description = "告知承诺 / 申报承诺: letters, signature, decline, withdrawal, decision, 代为承诺授权")
class CommitmentController {
    private final CommitmentService commitments;
    private final Accounts accounts;

    CommitmentController(CommitmentService commitments, Accounts accounts) {
        this.commitments = commitments;
        this.accounts = accounts;
    }

    @PostMapping("/eligibility")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "May this applicant commit? Checked against the credit source; reasons in Chinese to read to the applicant")
    Eligibility eligibility(@RequestBody Applicant applicant) {
        return commitments.eligibility(applicant, accounts.current());
    }

    @PostMapping
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Offer a commitment in place of a proof: the sealed notification letter and the commitment letter to sign",
            description = "The published list must say DECLARATION_COMMITMENT or NOTIFICATION_COMMITMENT for the item and proof (409 otherwise). "
                    + "An applicant with an unrepaired serious dishonesty record or false commitment, or a credit level that allows none, "
                    + "is refused with 422 commitment-not-eligible: reasons[].zh is what to read to the applicant.")
    ResponseEntity<CommitmentView> offer(@RequestBody CommitmentRequests.Offer offer) {
        return ResponseEntity.status(HttpStatus.CREATED).body(commitments.offer(offer, accounts.current()));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','AUDITOR')")
    @Operation(summary = "A commitment with its post-check and timeline (the applicant masked)")
    CommitmentView get(@PathVariable String id) {
        return commitments.view(id, accounts.current());
    }

    @PostMapping("/{id}/sign")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Record the signed commitment: stored with its time and sealed by the hub as receipt",
            description = "signedBy=PROXY needs proxy and authorisationId of a recorded special authorisation covering the item (403 otherwise).")
    CommitmentView sign(@PathVariable String id, @RequestBody CommitmentRequests.Signature signature) {
        return commitments.sign(id, signature, accounts.current());
    }

    @PostMapping("/{id}/decline")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "The applicant does not commit; the answer lists the alternatives (department verification, paper proof)")
    CommitmentView decline(@PathVariable String id, @RequestBody(required = false) CommitmentRequests.Reason reason) {
        return commitments.decline(id, reason == null ? null : reason.reason(), accounts.current());
    }

    @PostMapping("/{id}/withdraw")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Withdraw the commitment before the item is decided, with the applicant's reason")
    CommitmentView withdraw(@PathVariable String id, @RequestBody CommitmentRequests.Reason reason) {
        return commitments.withdraw(id, reason == null ? null : reason.reason(), accounts.current());
    }

    @PostMapping("/{id}/decide")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR')")
    @Operation(summary = "The item was decided on the commitment: the credit level decides the post-check (exempt, sampled or full, due date)")
    CommitmentView decide(@PathVariable String id, @RequestBody CommitmentRequests.Decision decision) {
        return commitments.decide(id, decision == null ? null : decision.decisionRef(), accounts.current());
    }

    /** A letter's structured data as sealed and the hub's detached CMS over it (base64). */
    record LetterResponse(JsonNode content, String signature) {
    }

    @GetMapping("/{id}/letters/{which}")
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','AUDITOR')")
    @Operation(summary = "The notification or commitment letter as structured data with the hub's signature (the commitment letter is unsigned until signed)")
    LetterResponse letter(@PathVariable String id, @PathVariable String which, @RequestParam(defaultValue = "查阅告知承诺书") String purpose) {
        org.proofhub.hub.commitment.Commitments.LetterFiles f = commitments.letter(id, which, accounts.current(), purpose);
        return new LetterResponse(CanonicalJson.parse(new String(f.content(), java.nio.charset.StandardCharsets.UTF_8)),
                f.cms() == null ? null : Base64.getEncoder().encodeToString(f.cms()));
    }

    @GetMapping(value = "/{id}/letters/{which}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasAnyRole('AGENT','SUPERVISOR','AUDITOR')")
    @Operation(summary = "The letter to print: sealed (PAdES) once made or signed")
    ResponseEntity<byte[]> letterPdf(@PathVariable String id, @PathVariable String which, @RequestParam(defaultValue = "打印告知承诺书") String purpose) {
        byte[] pdf = commitments.letter(id, which, accounts.current(), purpose).pdf();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + "-" + which + ".pdf\"").body(pdf);
    }

    @PostMapping("/authorisations")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Record a special authorisation to commit on someone's behalf (authoriser, proxy, scope, document)")
    ResponseEntity<org.proofhub.hub.commitment.Commitments.Authorisation> authorise(@RequestBody CommitmentRequests.Authorisation authorisation) {
        return ResponseEntity.status(HttpStatus.CREATED).body(commitments.authorise(authorisation, accounts.current()));
    }
}
