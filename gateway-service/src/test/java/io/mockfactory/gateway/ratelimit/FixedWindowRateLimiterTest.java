package io.mockfactory.gateway.ratelimit;

import io.mockfactory.gateway.FakeTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedWindowRateLimiterTest {
    private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:10Z"));

    @Test
    void shouldAllowTheLimitPerMinuteThenRefuseUntilTheWindowTurns() {
        FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(time, time, 100);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.acquire("user:a", 3).allowed());
        }
        RateLimiter.Decision refused = limiter.acquire("user:a", 3);
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        assertEquals(50, refused.resetSeconds(), "the minute turns 50 s from 10:00:10");
        assertTrue(limiter.acquire("user:b", 3).allowed(), "another key has its own window");
        time.advance(Duration.ofSeconds(50));
        assertTrue(limiter.acquire("user:a", 3).allowed(), "a new minute, a new window");
    }

    @Test
    void shouldForgetWindowsOnceTheirMinuteIsLongPast() {
        FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(time, time, 100);
        limiter.acquire("client:10.0.0.1", 5);
        time.advance(Duration.ofMinutes(3));
        assertEquals(0, limiter.keys());
    }

    @Test
    void shouldStayWithinItsBound() {
        FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(time, time, 10);
        for (int i = 0; i < 100; i++) {
            limiter.acquire("client:" + i, 5);
        }
        assertTrue(limiter.keys() <= 10, "keys: " + limiter.keys());
    }
}
