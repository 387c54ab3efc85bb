package io.mockfactory.gateway.ratelimit;

/**
 * Counts requests per key and minute. In memory per gateway instance today; a shared store (Redis, PostgreSQL)
 * implements this same interface when the gateway runs as several replicas.
 */
public interface RateLimiter {

    Decision acquire(String key, int limitPerMinute);

    /** @param resetSeconds seconds until the window restarts (the {@code RateLimit-Reset} and {@code Retry-After} value) */
    record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {
        public static final String ATTRIBUTE = "mockfactory.rate-limit";
    }
}
