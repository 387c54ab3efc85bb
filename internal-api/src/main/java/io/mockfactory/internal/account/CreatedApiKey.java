package io.mockfactory.internal.account;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;

/** A new API key; {@code key} is shown this once. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record CreatedApiKey(String id, String name, String key, String prefix, Instant createdAt) {
    @Override
    public String toString() {
        return "CreatedApiKey[" + id + ", " + prefix + "…]";
    }
}
