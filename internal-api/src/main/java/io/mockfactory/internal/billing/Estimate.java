package io.mockfactory.internal.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The current billing period's cost so far, from the price sheet of the owner's tier: the monthly base plus each
 * service type's hours at the per-service-hour price. Amounts in {@code currency}, rounded to cents.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Estimate(String tier, String currency, Instant periodStart, Instant periodEnd, Instant asOf,
                       BigDecimal monthlyBase, BigDecimal pricePerServiceHour, Map<String, BigDecimal> serviceHours,
                       BigDecimal usageCost, BigDecimal total) {
}
