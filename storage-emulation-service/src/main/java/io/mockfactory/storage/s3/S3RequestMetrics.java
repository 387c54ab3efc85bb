package io.mockfactory.storage.s3;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code s3_requests_total{operation,status}} and {@code s3_request_duration_seconds{operation}} of the S3 data plane,
 * whose Netty server Micronaut's HTTP metrics do not see. Operation is the {@link S3Action} name, status the HTTP
 * status answered: both bounded, whatever a request says (never its bucket, key or access key). The duration runs
 * from the request head arriving to the last byte of the answer written, so it includes the body both ways.
 * Meters are kept per label set: this is on every request's path.
 */
@Singleton
public class S3RequestMetrics {
    /** From a HEAD answered from the metadata tables to a multi-gigabyte body either way. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(120)};

    private final MeterRegistry registry;
    private final Map<S3Action, Timer> durations = new ConcurrentHashMap<>();
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();

    public S3RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void answered(S3Action action, int status, long nanos) {
        durations.computeIfAbsent(action, this::timer).record(nanos, TimeUnit.NANOSECONDS);
        requests.computeIfAbsent(action.operationName() + " " + status, key -> Counter.builder("s3.requests")
                .tag("operation", action.operationName()).tag("status", Integer.toString(status))
                .description("S3 requests by action and HTTP status").register(registry)).increment();
    }

    private Timer timer(S3Action action) {
        return Timer.builder("s3.request.duration").tag("operation", action.operationName()).serviceLevelObjectives(BUCKETS)
                .description("S3 requests from head received to answer written").register(registry);
    }
}
