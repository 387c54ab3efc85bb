package io.mockfactory.auth.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** Request bodies of the account endpoints, as the public contract spells them (the answers are internal-api's). */
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
}
