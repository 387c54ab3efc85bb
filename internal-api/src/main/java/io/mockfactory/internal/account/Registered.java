package io.mockfactory.internal.account;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** A new account and its first tokens. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record Registered(String id, String email, String fullName, String tier, String accessToken,
                         String refreshToken, String tokenType, long expiresIn) {
    @Override
    public String toString() {
        return "Registered[" + id + ", tokens hidden]";
    }
}
