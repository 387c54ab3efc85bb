package io.mockfactory.internal.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.List;

/** An owner's usage in [from, to) by period; seconds, exact to the microsecond. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UsageReport(Instant from, Instant to, String granularity, List<UsageLine> items) {
}
