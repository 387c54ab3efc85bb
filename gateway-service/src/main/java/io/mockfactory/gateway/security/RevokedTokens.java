package io.mockfactory.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Access tokens revoked before their expiry, each kept only until it would have expired anyway (15 minutes at most).
 * The bound is far above what logouts within one token lifetime reach; were it ever passed, the oldest revocations
 * would go first, and those tokens are the nearest to expiring.
 */
@Singleton
public class RevokedTokens {
    static final int MAX_ENTRIES = 500_000;

    private final Clock clock;
    private final Cache<String, Instant> expiryByJti;

    @Inject
    public RevokedTokens() {
        this(MAX_ENTRIES, Ticker.systemTicker(), Clock.systemUTC());
    }

    RevokedTokens(int maxEntries, Ticker ticker, Clock clock) {
        this.clock = clock;
        this.expiryByJti = Caffeine.newBuilder().maximumSize(maxEntries).ticker(ticker).executor(Runnable::run)
                .expireAfter(Expiry.<String, Instant>creating((jti, expiresAt) ->
                        Duration.between(clock.instant(), expiresAt).isNegative() ? Duration.ZERO
                                : Duration.between(clock.instant(), expiresAt))).build();
    }

    public void revoke(String jti, Instant expiresAt) {
        if (expiresAt.isAfter(clock.instant())) {
            expiryByJti.put(jti, expiresAt);
        }
    }

    public boolean isRevoked(String jti) {
        return jti != null && expiryByJti.getIfPresent(jti) != null;
    }

    long size() {
        expiryByJti.cleanUp();
        return expiryByJti.estimatedSize();
    }
}
