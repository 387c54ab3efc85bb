package io.mockfactory.events.user;

import io.mockfactory.events.Message;

import java.time.Instant;

/** An access token stopped working before its expiry (logout); {@code jti} only, never the token. */
public record AccessTokenRevoked(String jti, Instant expiresAt) implements Message {
}
