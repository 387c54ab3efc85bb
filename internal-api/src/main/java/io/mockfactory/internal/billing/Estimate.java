package io.mockfactory.internal.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The current billing period's cost so far, from the price sheet of the owner's tier: the monthly base, each
 * service type's hours at the per-service-hour price, and storage (running or stopped environments alike) in
 * GiB-months at the per-GiB-month price. {@code items} itemises it; amounts in {@code currency}, rounded to cents,
 * and {@code total} is the sum of the included items' amounts.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Estimate(String tier, String currency, Instant periodStart, Instant periodEnd, Instant asOf,
                       BigDecimal monthlyBase, BigDecimal pricePerServiceHour, BigDecimal pricePerGibMonth,
                       Map<String, BigDecimal> serviceHours, Map<String, BigDecimal> storageGibMonths,
                       BigDecimal stoppedStorageGibMonths, BigDecimal usageCost, BigDecimal total,
                       List<EstimateItem> items) {
}
