package io.mockfactory.gateway.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A per-caller bulkhead in front of one peer: at most {@code perCaller} calls of one caller in flight at once, so one
 * tenant's burst cannot take every connection to a peer (nor all of its breaker's window). An entry lives only while
 * its caller has calls in flight, so the map is as large as the number of concurrent callers and needs no eviction;
 * that is why this is a map of counters rather than a registry of Resilience4j bulkheads, which never forgets one.
 */
final class CallerPermits {
    private final int perCaller;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    CallerPermits(int perCaller) {
        this.perCaller = perCaller;
    }

    /** @return whether the caller may start another call; if so, {@link #release} must follow */
    boolean tryAcquire(String caller) {
        boolean[] granted = {false};
        inFlight.compute(caller, (key, calls) -> {
            int current = calls == null ? 0 : calls;
            if (current >= perCaller) {
                return calls;
            }
            granted[0] = true;
            return current + 1;
        });
        return granted[0];
    }

    void release(String caller) {
        inFlight.computeIfPresent(caller, (key, calls) -> calls <= 1 ? null : calls - 1);
    }

    int callersInFlight() {
        return inFlight.size();
    }
}
