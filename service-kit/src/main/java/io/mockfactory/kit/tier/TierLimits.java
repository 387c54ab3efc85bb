package io.mockfactory.kit.tier;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** @param idleShutdownMinutes null means never shut down for idleness */
@Serdeable(naming = SnakeCaseStrategy.class)
public record TierLimits(int requestsPerMinute, int runningEnvironments, int servicesPerEnvironment,
                         @Nullable Integer idleShutdownMinutes, long storageBytes) {
}
