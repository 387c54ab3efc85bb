package io.mockfactory.environment.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.Map;

/** An environment as the public contract shows it: passwords masked, every timestamp present even when null. */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EnvironmentView(String id, String name, String status, Map<String, Object> services,
                              Map<String, Object> endpoints, Instant createdAt, @Nullable Instant startedAt,
                              @Nullable Instant stoppedAt, @Nullable Instant expiresAt, @Nullable String lastError,
                              @Nullable Integer ttlMinutes) {
}
