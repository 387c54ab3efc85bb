package io.mockfactory.gateway.security;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access tokens revoked before their expiry, kept only until they would have expired anyway. */
@Singleton
public class RevokedTokens {
    private final Map<String, Instant> expiryByJti = new ConcurrentHashMap<>();

    public void revoke(String jti, Instant expiresAt) {
        if (expiresAt.isAfter(Instant.now())) {
            expiryByJti.put(jti, expiresAt);
        }
        if (expiryByJti.size() % 1000 == 0) {
            Instant now = Instant.now();
            expiryByJti.values().removeIf(expiry -> expiry.isBefore(now));
        }
    }

    public boolean isRevoked(String jti) {
        return jti != null && expiryByJti.containsKey(jti);
    }
}
