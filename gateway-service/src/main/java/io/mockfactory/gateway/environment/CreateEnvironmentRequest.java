package io.mockfactory.gateway.environment;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.Map;

/** {@code services} maps a service type to its settings: {@code version} plus type-specific options. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record CreateEnvironmentRequest(@Nullable String name, @Nullable Map<String, Map<String, Object>> services,
                                       @Nullable Integer ttlMinutes) {
}
