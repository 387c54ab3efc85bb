package io.mockfactory.internal.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.math.BigDecimal;

/**
 * One line of an estimate: {@code quantity} {@code unit}s at {@code unitPrice}, costing {@code amount} (rounded to
 * cents). Items are {@code monthly_base}, {@code service_hours} per service type and {@code storage} per storage
 * type; {@code stopped_storage} shows, for information, the part of storage accrued while environments were
 * stopped (already in {@code storage}, so its amount is not added again).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EstimateItem(String item, @Nullable String serviceType, BigDecimal quantity, String unit,
                           BigDecimal unitPrice, BigDecimal amount, boolean included) {
}
