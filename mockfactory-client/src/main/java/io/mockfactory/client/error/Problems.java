package io.mockfactory.client.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns an error answer (problem+json, or anything else a proxy may send) into the matching typed exception. */
public final class Problems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    public static MockFactoryException of(int status, String body, String requestId, Duration retryAfter) {
        JsonNode problem = parse(body);
        String type = lastSegment(problem.path("type").asText(""));
        String title = problem.path("title").asText("HTTP " + status);
        String detail = problem.path("detail").asText("");
        String message = detail.isEmpty() ? title : title + ": " + detail;
        String id = requestId != null ? requestId : problem.path("request_id").asText(null);
        if (status == 401) {
            return new AuthenticationException(status, type, message, id);
        }
        if (status == 403 && "quota-exceeded".equals(type)) {
            return new QuotaExceededException(status, type, message, id);
        }
        if (status == 404) {
            return new NotFoundException(status, type, message, id);
        }
        if (status == 409) {
            return new ConflictException(status, type, message, id);
        }
        if (status == 422 || status == 400) {
            return new ValidationException(status, type, message, id, fieldErrors(problem));
        }
        if (status == 429) {
            return new RateLimitedException(status, type, message, id, retryAfter);
        }
        if (status == 502 || status == 503 || status == 504) {
            return new UnavailableException(status, type, message, id);
        }
        return new MockFactoryException(status, type, message, id);
    }

    private static List<ValidationException.FieldError> fieldErrors(JsonNode problem) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            errors.add(new ValidationException.FieldError(error.path("field").asText(""), error.path("message").asText("")));
        }
        return errors;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            return node.isObject() ? node : JSON.createObjectNode();
        } catch (Exception notJson) {
            // A proxy's HTML page, say: the status alone decides
            return JSON.createObjectNode();
        }
    }

    private static String lastSegment(String type) {
        int slash = type.lastIndexOf('/');
        return type.isEmpty() ? null : type.substring(slash + 1);
    }
}
