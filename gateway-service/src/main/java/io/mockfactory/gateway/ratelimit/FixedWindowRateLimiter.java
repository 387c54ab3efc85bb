package io.mockfactory.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One counter per key and wall-clock minute. A window is of no use once its minute is over, so entries expire two
 * minutes after they were made; the bound keeps a flood of distinct keys (client addresses) from growing the map
 * without end, at worst forgetting a quiet key's count.
 */
@Singleton
public class FixedWindowRateLimiter implements RateLimiter {
    static final int MAX_KEYS = 1_000_000;
    private static final long WINDOW_MILLIS = 60_000;

    private final Clock clock;
    private final Cache<String, Window> windows;

    private record Window(long start, AtomicInteger used) {
    }

    @Inject
    public FixedWindowRateLimiter() {
        this(Clock.systemUTC(), Ticker.systemTicker(), MAX_KEYS);
    }

    FixedWindowRateLimiter(Clock clock, Ticker ticker, int maxKeys) {
        this.clock = clock;
        this.windows = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterWrite(Duration.ofMillis(2 * WINDOW_MILLIS))
                .ticker(ticker).executor(Runnable::run).build();
    }

    @Override
    public Decision acquire(String key, int limitPerMinute) {
        long now = clock.millis();
        long start = now - now % WINDOW_MILLIS;
        Window window = windows.asMap().compute(key, (k, existing) ->
                existing != null && existing.start() == start ? existing : new Window(start, new AtomicInteger()));
        int used = window.used().incrementAndGet();
        long resetSeconds = Math.max(1, (start + WINDOW_MILLIS - now + 999) / 1000);
        return new Decision(used <= limitPerMinute, limitPerMinute, Math.max(0, limitPerMinute - used), resetSeconds);
    }

    long keys() {
        windows.cleanUp();
        return windows.estimatedSize();
    }
}
