package io.mockfactory.internal.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One metric's total in one period. {@code serviceType} names the service (or storage) type for service_seconds and
 * the storage metrics, and is null for environment_hours and idle_stopped_hours (an environment as a whole).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UsageLine(Instant periodStart, Instant periodEnd, @Nullable String serviceType, String metric,
                        BigDecimal quantity) {
}
