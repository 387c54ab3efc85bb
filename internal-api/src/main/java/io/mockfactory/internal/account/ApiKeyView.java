package io.mockfactory.internal.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;

/** An API key as listed: never the key itself. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ApiKeyView(String id, String name, String prefix, Instant createdAt, @Nullable Instant lastUsedAt) {
}
