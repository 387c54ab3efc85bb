package io.mockfactory.internal.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * One service of an environment: its version, its {@link io.mockfactory.events.status.ServiceStatus} wire name and
 * its port once it has one (S3 has none: it is the shared endpoint).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceState(@Nullable String version, String status, @Nullable Integer port) {
}
