package io.mockfactory.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

final class Eventually {
    private Eventually() {
    }

    static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last == null ? "" : " (last error: " + last + ")"));
    }

    /** The value of {@code check} once it stops throwing (assertion or exception), or its last failure. */
    static <T> T within(Duration timeout, Callable<T> check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                return check.call();
            } catch (AssertionError | Exception e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
