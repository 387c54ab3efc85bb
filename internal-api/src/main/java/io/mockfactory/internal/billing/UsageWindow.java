package io.mockfactory.internal.billing;

import io.mockfactory.kit.web.Problem;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated usage query: [from, to) with from before to, and at most 31 days by the hour or 366 by the day, so
 * one answer stays a few thousand lines at most.
 */
public record UsageWindow(Instant from, Instant to, Granularity granularity) {
    static final Duration MAX_BY_HOUR = Duration.ofDays(31);
    static final Duration MAX_BY_DAY = Duration.ofDays(366);

    public static UsageWindow parse(String from, String to, String granularity) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        Granularity by = Granularity.parse(granularity).orElse(null);
        if (by == null) {
            errors.add(new Problem.FieldError("granularity", "must be hour or day"));
        }
        if (start != null && end != null && !start.isBefore(end)) {
            errors.add(new Problem.FieldError("to", "must be after from"));
        }
        if (errors.isEmpty()) {
            Duration max = by == Granularity.HOUR ? MAX_BY_HOUR : MAX_BY_DAY;
            if (Duration.between(start, end).compareTo(max) > 0) {
                errors.add(new Problem.FieldError("to", "at most " + max.toDays() + " days after from by the " + by.unit()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The usage query is not valid.", errors);
        }
        return new UsageWindow(start, end, by);
    }

    private static Instant instant(String field, String text, List<Problem.FieldError> errors) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 instant such as 2026-12-01T00:00:00Z"));
            return null;
        }
    }
}
