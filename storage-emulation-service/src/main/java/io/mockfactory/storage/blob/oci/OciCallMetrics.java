package io.mockfactory.storage.blob.oci;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code oci_operations_total{operation,status}} and {@code oci_operation_duration_seconds{operation}}: one observation
 * per request to OCI Object Storage, so each retry counts (two 503s and a success are two errors and an ok) and a
 * call the open circuit breaker refuses, which never reaches OCI, does not. The operation is OCI's API name, fixed
 * per call site; status is {@code ok} or {@code error} (an answer the caller treats as success, the 409 of a bucket
 * that exists or the 404 of a blob already deleted, is ok). A GetObject is timed to its response, not to the end of
 * its body, which the S3 client reads at its own pace.
 */
public final class OciCallMetrics {
    /** A call to a region's endpoint: tens of milliseconds to an 8 MiB part on a slow link. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    public OciCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    <T> T observe(String operation, Supplier<T> call) {
        long started = System.nanoTime();
        String status = "error";
        try {
            T result = call.get();
            status = "ok";
            return result;
        } finally {
            Timer.builder("oci.operation.duration").tag("operation", operation).serviceLevelObjectives(BUCKETS)
                    .description("Duration of OCI Object Storage calls").register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - started));
            Counter.builder("oci.operations").tag("operation", operation).tag("status", status)
                    .description("OCI Object Storage calls by outcome").register(registry).increment();
        }
    }
}
