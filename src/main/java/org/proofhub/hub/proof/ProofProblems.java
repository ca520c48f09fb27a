package org.proofhub.hub.proof;

import java.net.URI;
import org.proofhub.hub.proof.pdf.ProofPdfException;
import org.proofhub.hub.proof.pdf.ProofRenderingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** PDF failures leave the API as problem details naming the proof (never its personal data). */
@RestControllerAdvice
class ProofProblems {

    @ExceptionHandler(ProofRenderingException.class)
    ProblemDetail rendering(ProofRenderingException e) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "proof-not-printable", e);
    }

    @ExceptionHandler(ProofPdfException.class)
    ProblemDetail pdf(ProofPdfException e) {
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "proof-pdf-failed", e);
    }

    private static ProblemDetail problem(HttpStatus status, String type, ProofPdfException e) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        pd.setType(URI.create("https://proofhub.org/problems/" + type));
        pd.setTitle("The proof's PDF could not be made");
        return pd;
    }
}
