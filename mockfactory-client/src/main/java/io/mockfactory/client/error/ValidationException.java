package io.mockfactory.client.error;

import java.util.List;
import java.util.Map;

/**
 * 422: the request is not acceptable, with the API's per-field errors; also a service type or version this deployment
 * cannot serve now ({@code service-type-unavailable}), whose detail names the fix.
 */
public class ValidationException extends MockFactoryException {
    private final List<FieldError> fieldErrors;

    /** One field's error, e.g. {@code services.redis.version}: "must be one of 7, 6.2". */
    public static final class FieldError {
        private final String field;
        private final String message;

        public FieldError(String field, String message) {
            this.field = field;
            this.message = message;
        }

        public String field() {
            return field;
        }

        public String message() {
            return message;
        }

        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    public ValidationException(int status, String problemType, String message, String requestId,
                               List<FieldError> fieldErrors) {
        super(status, problemType, message + (fieldErrors.isEmpty() ? "" : " " + fieldErrors), requestId);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** @return the errors by field name */
    public Map<String, String> byField() {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        fieldErrors.forEach(error -> errors.put(error.field(), error.message()));
        return errors;
    }
}
