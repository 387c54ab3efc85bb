package io.mockfactory.internal.account;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;

/** The signed-in user. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record Me(String id, String email, String fullName, String tier, Instant createdAt) {
}
