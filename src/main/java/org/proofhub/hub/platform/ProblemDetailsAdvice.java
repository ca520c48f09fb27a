package org.proofhub.hub.platform;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every API error leaves as RFC 9457 problem details with a reason a person understands. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final org.springframework.context.ApplicationEventPublisher events;

    ProblemDetailsAdvice(org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
    }

    @ExceptionHandler(HubException.class)
    ProblemDetail handleHub(HubException e, jakarta.servlet.http.HttpServletRequest request) {
        if (e.status() == HttpStatus.FORBIDDEN && request.getUserPrincipal() != null) {
            events.publishEvent(new AccessRefused(request.getUserPrincipal().getName(), request.getMethod() + " " + request.getRequestURI(),
                    e.type() == null ? e.title() : e.type().toString()));
        }
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        pd.setType(e.type());
        pd.setTitle(e.title());
        e.properties().forEach(pd::setProperty);
        if (e.status().is5xxServerError()) {
            log.error("request failed: {}", e.getMessage(), e);
        }
        return pd;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail handleIllegalArgument(IllegalArgumentException e) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, Masking.maskIdentifiers(e.getMessage()));
        pd.setTitle("Bad request");
        return pd;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String reasons = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is incomplete or malformed: " + reasons);
        pd.setTitle("Invalid request");
        return ResponseEntity.badRequest().body(pd);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex.getMessage() != null) {
            ProblemDetail pd = ProblemDetail.forStatusAndDetail(statusCode, Masking.maskIdentifiers(ex.getMessage()));
            return super.handleExceptionInternal(ex, pd, headers, statusCode, request);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }
}
