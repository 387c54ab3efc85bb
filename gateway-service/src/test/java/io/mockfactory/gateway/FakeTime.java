package io.mockfactory.gateway;

import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock and a Caffeine ticker that move together, only when a test says so. */
public final class FakeTime extends Clock implements Ticker {
    private volatile long nanos;
    private final Instant start;

    public FakeTime(Instant start) {
        this.start = start;
    }

    public void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    @Override
    public long read() {
        return nanos;
    }

    @Override
    public Instant instant() {
        return start.plusNanos(nanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
