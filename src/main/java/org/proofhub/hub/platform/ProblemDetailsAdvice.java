package org.proofhub.hub.platform;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
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

    /**
     * A body whose field has a value of the wrong kind ({@code "limit": "ten"}) names the field and the kind it takes, rather
     * than Jackson's wording; the value itself is not echoed (it may be personal data).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (ex.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty() && mismatch.getTargetType() != null) {
            String field = mismatch.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request body could not be read: " + field + " takes " + kind(mismatch.getTargetType()));
            pd.setTitle("Invalid request");
            return handleExceptionInternal(ex, pd, headers, HttpStatus.BAD_REQUEST, request);
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    /**
     * A query-string or path value of the wrong kind ({@code ?limit=abc}) names the parameter and the kind it takes, as a
     * body's field does; Spring's own message echoes the value, which may be personal data, into the answer.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = ex instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m ? m.getName()
                : ex.getPropertyName();
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request parameter " + name + " takes "
                + (ex.getRequiredType() == null ? "a value of another kind" : kind(ex.getRequiredType())));
        pd.setTitle("Invalid request");
        return handleExceptionInternal(ex, pd, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.time.Instant.class) {
            return "an instant in ISO 8601 with its offset, such as 2026-11-28T01:30:00Z";
        }
        if (type == String.class) {
            return "text";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        return "a " + type.getSimpleName();
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
