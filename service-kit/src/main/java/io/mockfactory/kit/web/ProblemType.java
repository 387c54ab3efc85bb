package io.mockfactory.kit.web;

import io.micronaut.http.HttpStatus;

import java.util.Arrays;

/** The REST API's one error vocabulary: every problem+json the services send has one of these types. */
public enum ProblemType {
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),
    QUOTA_EXCEEDED(HttpStatus.FORBIDDEN, "quota-exceeded", "Quota exceeded"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable"),
    CONFLICT(HttpStatus.CONFLICT, "conflict", "Conflict"),
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "Payload too large"),
    URI_TOO_LONG(HttpStatus.REQUEST_URI_TOO_LONG, "uri-too-long", "URI too long"),
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large", "Request header fields too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type"),
    VALIDATION_FAILED(HttpStatus.UNPROCESSABLE_ENTITY, "validation-failed", "Validation failed"),
    SERVICE_TYPE_UNAVAILABLE(HttpStatus.UNPROCESSABLE_ENTITY, "service-type-unavailable", "Service type unavailable"),
    /** Like an unavailable service type: in the contract, not served by this deployment; a 5xx would page operators. */
    FEATURE_UNAVAILABLE(HttpStatus.UNPROCESSABLE_ENTITY, "feature-unavailable", "Feature unavailable"),
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency key reused"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal server error"),
    BAD_GATEWAY(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable"),
    GATEWAY_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout", "Gateway timeout");

    private static final String TYPE_BASE = "https://mockfactory.dev/problems/";

    private final HttpStatus status;
    private final String slug;
    private final String title;

    ProblemType(HttpStatus status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String uri() {
        return TYPE_BASE + slug;
    }

    public String title() {
        return title;
    }

    /** The type for a status no handler named explicitly (e.g. a 404 for an unknown route). */
    public static ProblemType forStatus(int code) {
        return Arrays.stream(values()).filter(type -> type.status.getCode() == code).findFirst()
                .orElse(code >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST);
    }
}
