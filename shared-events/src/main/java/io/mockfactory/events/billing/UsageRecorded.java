package io.mockfactory.events.billing;

import io.mockfactory.events.Message;

import java.math.BigDecimal;
import java.time.Instant;

/** @param metric what was used, e.g. "service_minutes" or "storage_bytes" */
public record UsageRecorded(String metric, BigDecimal quantity, String unit, Instant periodStart, Instant periodEnd)
        implements Message {
}
