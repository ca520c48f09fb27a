package org.proofhub.hub.platform;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error a person can act on: it carries the HTTP status, a problem type, a title and a
 * detail that says what went wrong and what to do, plus context properties (never personal data).
 * Rendered as RFC 9457 problem details by {@link ProblemDetailsAdvice}.
 */
public class HubException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public HubException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    public HubException(HttpStatus status, String type, String title, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static HubException notFound(String what, String detail) {
        return new HubException(HttpStatus.NOT_FOUND, what + "-not-found", what.replace('-', ' ') + " not found", detail);
    }

    public static HubException badRequest(String type, String detail) {
        return new HubException(HttpStatus.BAD_REQUEST, type, "Bad request", detail);
    }

    public static HubException conflict(String type, String detail) {
        return new HubException(HttpStatus.CONFLICT, type, "Conflict", detail);
    }

    public HubException with(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return URI.create("https://proofhub.org/problems/" + type);
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
