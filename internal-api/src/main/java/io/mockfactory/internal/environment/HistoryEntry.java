package io.mockfactory.internal.environment;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.Map;

/** One lifecycle event of an environment: its id, type (e.g. ServiceReady), time and payload (no secret is in any). */
@Serdeable(naming = SnakeCaseStrategy.class)
public record HistoryEntry(String eventId, String type, Instant occurredAt, Map<String, Object> payload) {
}
