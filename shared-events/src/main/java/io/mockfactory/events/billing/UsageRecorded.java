package io.mockfactory.events.billing;

import io.mockfactory.events.Message;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A user's total of one metric in one closed period (an hour). A late event can change a period already reported:
 * it is then reported again with a higher {@code revision}, and the highest revision is the period's total.
 *
 * @param metric      what was used: service_seconds, environment_hours, storage_byte_hours, idle_stopped_hours
 * @param serviceType the service type the metric is of, or null for an environment as a whole
 * @param revision    1 for the first report of this period and metric, then 2, 3, … for corrections
 */
public record UsageRecorded(String metric, BigDecimal quantity, String unit, Instant periodStart, Instant periodEnd,
                            String serviceType, Integer revision) implements Message {
}
