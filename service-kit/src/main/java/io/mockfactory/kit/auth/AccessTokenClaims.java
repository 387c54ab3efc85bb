package io.mockfactory.kit.auth;

import java.time.Instant;

/** What a verified access token says: whose it is, their tier, and its id and expiry (for revocation). */
public record AccessTokenClaims(String userId, String tier, String jti, Instant expiresAt) {
}
