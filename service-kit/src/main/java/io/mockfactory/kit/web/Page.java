package io.mockfactory.kit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.mockfactory.events.EventIds;

import java.util.List;
import java.util.function.Function;

/** One page of a list: {@code {"items":[...], "next_cursor": ...}}; the cursor is opaque to clients. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> items, @Nullable String nextCursor) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** Validates {@code ?limit=} as it arrives: absent means the default; not a whole number in 1..100 is a 422. */
    public static int pageSize(@Nullable String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int size = Integer.parseInt(limit.strip());
            if (size >= 1 && size <= MAX_LIMIT) {
                return size;
            }
        } catch (NumberFormatException notANumber) {
            // answered below, like a number out of range
        }
        throw new ProblemException(ProblemType.VALIDATION_FAILED, "limit is not a valid page size.",
                List.of(new Problem.FieldError("limit", "must be a whole number between 1 and " + MAX_LIMIT)));
    }

    /**
     * Validates {@code ?cursor=} as it arrives: absent is the first page; a cursor is the id of a page's last row, so
     * anything without that id's shape is a 422 before it reaches a query.
     */
    @Nullable
    public static String requireCursor(@Nullable String cursor, String idPrefix) {
        if (cursor != null && !EventIds.isWellFormed(idPrefix, cursor)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "cursor is not a valid cursor.",
                    List.of(new Problem.FieldError("cursor", "must be the next_cursor of a previous page")));
        }
        return cursor;
    }

    /** @param fetched up to {@code pageSize + 1} rows: the extra one only says that another page exists */
    public static <T> Page<T> of(List<T> fetched, int pageSize, Function<T, String> cursorOf) {
        if (fetched.size() <= pageSize) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, pageSize);
        return new Page<>(List.copyOf(items), cursorOf.apply(items.get(pageSize - 1)));
    }
}
