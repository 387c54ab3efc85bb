package io.mockfactory.internal.environment;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** What an owner's quotas count: environments holding resources now (provisioning, starting, running, stopping). */
@Serdeable(naming = SnakeCaseStrategy.class)
public record Usage(int runningEnvironments) {
}
