package io.mockfactory.kit.web;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Optional;

/**
 * Text that PostgreSQL can store and every service can log and hand on unchanged. PostgreSQL's text types refuse NUL
 * (a 500 from deep inside a query, which a circuit breaker then counts against the whole service), and an unpaired
 * UTF-16 surrogate has no UTF-8 form at all (the driver would silently store '?'). Both are refused at the edge.
 */
public final class StorableText {
    private StorableText() {
    }

    /** @return why {@code value} cannot be accepted, or empty when it can */
    public static Optional<String> defect(@Nullable CharSequence value) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return Optional.of("must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must be valid Unicode text (it has an unpaired surrogate)");
            }
        }
        return Optional.empty();
    }

    /** Refuses {@code value} with a 400 naming {@code field}, as every edge check does. */
    public static void require(String field, @Nullable CharSequence value) {
        defect(value).ifPresent(reason -> {
            throw refusal(field, reason);
        });
    }

    public static ProblemException refusal(String field, String reason) {
        return new ProblemException(ProblemType.MALFORMED_REQUEST, "The request has a value that cannot be accepted: "
                + field + " " + reason + ".", List.of(new Problem.FieldError(field, reason)));
    }
}
