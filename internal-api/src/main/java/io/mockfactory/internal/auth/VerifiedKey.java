package io.mockfactory.internal.auth;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** A live API key: which key (for revocation), whose, and the owner's tier. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record VerifiedKey(String keyId, String userId, String tier) {
}
