package io.mockfactory.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.mockfactory.kit.auth.AccessTokenClaims;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Remembers tokens whose signature already verified, until they expire: an ECDSA P-256 check costs about a
 * millisecond of CPU on the JDK's provider, and a client sends the same token many times. Only an identical token
 * string hits; an entry lives until its token's {@code exp} and no longer, and revocation is checked by the caller
 * every time. Bounded: past {@code maxEntries} the least recently used are verified again on their next use.
 */
final class VerifiedTokenCache {
    static final int MAX_ENTRIES = 50_000;

    private final Function<String, Optional<AccessTokenClaims>> verifier;
    private final Cache<String, AccessTokenClaims> verified;

    VerifiedTokenCache(Function<String, Optional<AccessTokenClaims>> verifier) {
        this(verifier, MAX_ENTRIES, Ticker.systemTicker(), Clock.systemUTC());
    }

    /** @param ticker the cache's clock for ageing entries; {@code clock} tells the wall time tokens expire in */
    VerifiedTokenCache(Function<String, Optional<AccessTokenClaims>> verifier, int maxEntries, Ticker ticker, Clock clock) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder().maximumSize(maxEntries).ticker(ticker)
                .expireAfter(new UntilTokenExpiry(clock)).executor(Runnable::run).build();
    }

    Optional<AccessTokenClaims> verify(String token) {
        AccessTokenClaims cached = verified.getIfPresent(token);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<AccessTokenClaims> claims = verifier.apply(token);
        claims.ifPresent(valid -> verified.put(token, valid));
        return claims;
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /** Each entry lives as long as its token is still valid when it is cached. */
    private record UntilTokenExpiry(Clock clock) implements Expiry<String, AccessTokenClaims> {
        @Override
        public long expireAfterCreate(String token, AccessTokenClaims claims, long currentTime) {
            return Math.max(0, Duration.between(clock.instant(), claims.expiresAt()).toNanos());
        }

        @Override
        public long expireAfterUpdate(String token, AccessTokenClaims claims, long currentTime, long currentDuration) {
            return expireAfterCreate(token, claims, currentTime);
        }

        @Override
        public long expireAfterRead(String token, AccessTokenClaims claims, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
