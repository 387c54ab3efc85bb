package io.mockfactory.environment.query;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.Map;

@Serdeable(naming = SnakeCaseStrategy.class)
public record HistoryEntry(String eventId, String type, Instant occurredAt, Map<String, Object> payload) {
}
