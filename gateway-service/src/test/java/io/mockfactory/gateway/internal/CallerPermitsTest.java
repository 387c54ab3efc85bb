package io.mockfactory.gateway.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerPermitsTest {
    @Test
    void shouldBoundOneCallerWithoutTouchingAnother() {
        CallerPermits permits = new CallerPermits(2);
        assertTrue(permits.tryAcquire("user:a"));
        assertTrue(permits.tryAcquire("user:a"));
        assertFalse(permits.tryAcquire("user:a"));
        assertTrue(permits.tryAcquire("user:b"));
        permits.release("user:a");
        assertTrue(permits.tryAcquire("user:a"));
    }

    @Test
    void shouldForgetACallerWithNothingInFlight() {
        CallerPermits permits = new CallerPermits(2);
        permits.tryAcquire("user:a");
        permits.tryAcquire("user:b");
        permits.release("user:a");
        permits.release("user:b");
        assertEquals(0, permits.callersInFlight());
    }
}
