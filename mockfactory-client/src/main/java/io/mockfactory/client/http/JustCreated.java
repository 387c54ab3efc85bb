package io.mockfactory.client.http;

import io.mockfactory.client.error.NotFoundException;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Reads of something just created, whose read side may not have caught up yet: a 404 within the grace period after
 * the wait began means "not there yet" (null), after it the 404 stands.
 */
public final class JustCreated {
    private JustCreated() {
    }

    public static <T> T readOrNull(Supplier<T> read, Instant waitStarted, Duration grace) {
        try {
            return read.get();
        } catch (NotFoundException unknown) {
            if (Instant.now().isAfter(waitStarted.plus(grace))) {
                throw unknown;
            }
            return null;
        }
    }
}
