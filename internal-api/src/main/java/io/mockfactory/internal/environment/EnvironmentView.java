package io.mockfactory.internal.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.Map;

/**
 * An environment as the public contract shows it: passwords masked in {@code endpoints}, every timestamp present even
 * when null. {@code status} is an {@link io.mockfactory.events.status.EnvironmentStatus} wire name.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EnvironmentView(String id, String name, String status, Map<String, ServiceState> services,
                              Map<String, String> endpoints, Instant createdAt, @Nullable Instant startedAt,
                              @Nullable Instant stoppedAt, @Nullable Instant expiresAt, @Nullable String lastError,
                              @Nullable Integer ttlMinutes) {
}
