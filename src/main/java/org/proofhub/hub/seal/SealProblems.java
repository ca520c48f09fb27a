package org.proofhub.hub.seal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Seal refusals (wrong purpose, no active seal, revoked ...) leave the API as problem details. */
@RestControllerAdvice
class SealProblems {

    @ExceptionHandler(SealNotFoundException.class)
    ProblemDetail notFound(SealNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "seal-not-found", e);
    }

    @ExceptionHandler(SealException.class)
    ProblemDetail refused(SealException e) {
        return problem(HttpStatus.CONFLICT, "seal-refused", e);
    }

    private static ProblemDetail problem(HttpStatus status, String type, SealException e) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        pd.setType(java.net.URI.create("https://proofhub.org/problems/" + type));
        pd.setTitle("Seal refused");
        return pd;
    }
}
