package io.mockfactory.auth.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;

/** Request and response bodies of the account endpoints, as the public contract spells them. */
public final class AccountMessages {
    private AccountMessages() {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RegisterRequest(@Nullable String email, @Nullable String password, @Nullable String fullName) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record LoginRequest(@Nullable String email, @Nullable String password) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RefreshRequest(@Nullable String refreshToken) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Registered(String id, String email, String fullName, String tier, String accessToken,
                             String refreshToken, String tokenType, long expiresIn) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Me(String id, String email, String fullName, String tier, Instant createdAt) {
    }
}
