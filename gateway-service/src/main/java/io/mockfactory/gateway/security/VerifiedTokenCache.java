package io.mockfactory.gateway.security;

import io.mockfactory.kit.auth.AccessTokenClaims;
import io.mockfactory.kit.auth.AccessTokenVerifier;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens whose signature already verified, until they expire: an ECDSA P-256 check costs about a
 * millisecond of CPU on the JDK's provider, and a client sends the same token many times. Only an identical token
 * string hits; expiry is re-checked on every hit, and revocation is checked by the caller every time.
 */
final class VerifiedTokenCache {
    private static final int MAX_ENTRIES = 50_000;

    private final AccessTokenVerifier verifier;
    private final Map<String, AccessTokenClaims> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    Optional<AccessTokenClaims> verify(String token) {
        AccessTokenClaims cached = verified.get(token);
        Instant now = Instant.now();
        if (cached != null) {
            if (cached.expiresAt().isAfter(now)) {
                return Optional.of(cached);
            }
            verified.remove(token);
        }
        Optional<AccessTokenClaims> claims = verifier.verify(token);
        claims.ifPresent(valid -> {
            if (verified.size() >= MAX_ENTRIES) {
                verified.values().removeIf(entry -> !entry.expiresAt().isAfter(now));
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
            }
            verified.put(token, valid);
        });
        return claims;
    }
}
