package io.mockfactory.gateway.ratelimit;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One counter per key and wall-clock minute; counters of past minutes are dropped as the map is used. */
@Singleton
public class FixedWindowRateLimiter implements RateLimiter {
    private static final long WINDOW_MILLIS = 60_000;
    private static final int SWEEP_EVERY = 4096;

    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicInteger untilSweep = new AtomicInteger(SWEEP_EVERY);

    private record Window(long start, AtomicInteger used) {
    }

    public FixedWindowRateLimiter() {
        this(Clock.systemUTC());
    }

    FixedWindowRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Decision acquire(String key, int limitPerMinute) {
        long now = clock.millis();
        long start = now - now % WINDOW_MILLIS;
        Window window = windows.compute(key, (k, existing) ->
                existing != null && existing.start() == start ? existing : new Window(start, new AtomicInteger()));
        int used = window.used().incrementAndGet();
        long resetSeconds = Math.max(1, (start + WINDOW_MILLIS - now + 999) / 1000);
        if (untilSweep.decrementAndGet() <= 0) {
            untilSweep.set(SWEEP_EVERY);
            windows.values().removeIf(w -> w.start() < start);
        }
        return new Decision(used <= limitPerMinute, limitPerMinute, Math.max(0, limitPerMinute - used), resetSeconds);
    }
}
