package io.mockfactory.client.error;

import java.time.Duration;

/** 429: the tier's request rate is reached, and it still was once the client's deadline allowed no more waiting. */
public class RateLimitedException extends MockFactoryException {
    private final Duration retryAfter;

    public RateLimitedException(int status, String problemType, String message, String requestId, Duration retryAfter) {
        super(status, problemType, message, requestId);
        this.retryAfter = retryAfter;
    }

    /** What the API's {@code Retry-After} said (zero when it said nothing). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
