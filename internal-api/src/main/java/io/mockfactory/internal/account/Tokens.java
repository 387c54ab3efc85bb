package io.mockfactory.internal.account;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** A session's token pair: an access token (a JWT, expires_in seconds) and its refresh token. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn) {
    @Override
    public String toString() {
        return "Tokens[hidden]";
    }
}
