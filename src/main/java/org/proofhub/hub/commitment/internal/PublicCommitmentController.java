package org.proofhub.hub.commitment.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The letter templates (告知承诺书格式文本) of the published list, for anyone: the seeds require them to be
 * announced to society so that applicants can read them before they come (003 三(三)).
 */
@RestController
@RequestMapping("/api/public/commitment-letters")
@Tag(name = "Public")
class PublicCommitmentController {
    private final CommitmentService commitments;

    PublicCommitmentController(CommitmentService commitments) {
        this.commitments = commitments;
    }

    @GetMapping
    @Operation(summary = "Every proof the published list replaces by a commitment, with the list version and date")
    List<CommitmentService.Templates> index() {
        return commitments.templateIndex();
    }

    @GetMapping("/{itemCode}/{proofType}")
    @Operation(summary = "The notification and commitment letter templates of one list entry, with the list version and date")
    CommitmentService.Templates templates(@PathVariable String itemCode, @PathVariable String proofType) {
        return commitments.templates(itemCode, proofType);
    }

    @GetMapping(value = "/{itemCode}/{proofType}/{which}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "A template to print (unsealed, blanks for the applicant)")
    ResponseEntity<byte[]> pdf(@PathVariable String itemCode, @PathVariable String proofType, @PathVariable String which) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF).body(commitments.templatePdf(itemCode, proofType, which));
    }
}
