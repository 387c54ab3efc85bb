package io.mockfactory.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.mockfactory.gateway.internal.AuthClient;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.Peers;
import io.mockfactory.internal.auth.ApiKeyOperations;
import io.mockfactory.internal.auth.VerifiedKey;
import io.mockfactory.internal.auth.VerifyRequest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Asks auth-service whether an API key is live, and remembers the answer briefly (keyed by the key's hash, never the
 * key). A revocation event evicts the key at once, so the cache does not outlive a revoke by more than the event's
 * trip through Kafka.
 */
@Singleton
public class ApiKeyVerifier {
    static final int MAX_ENTRIES = 100_000;

    private final ApiKeyOperations authService;
    private final PeerCalls calls;
    /** Answers by the key's hash; bounded, each for the configured TTL (revocation events evict sooner). */
    private final Cache<String, VerifiedKey> byHash;

    @Inject
    public ApiKeyVerifier(AuthClient authService, @Named(Peers.AUTH) PeerCalls calls, AuthServiceSettings settings) {
        this(authService, calls, settings, MAX_ENTRIES, Ticker.systemTicker());
    }

    ApiKeyVerifier(ApiKeyOperations authService, PeerCalls calls, AuthServiceSettings settings, int maxEntries,
                   Ticker ticker) {
        this.authService = authService;
        this.calls = calls;
        this.byHash = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(settings.getApiKeyCacheTtl())
                .ticker(ticker).executor(Runnable::run).build();
    }

    public Optional<VerifiedKey> verify(String key) {
        String hash = sha256(key);
        VerifiedKey cached = byHash.getIfPresent(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<VerifiedKey> verified = calls.call(() -> authService.verify(new VerifyRequest(key)));
        verified.ifPresentOrElse(valid -> byHash.put(hash, valid), () -> byHash.invalidate(hash));
        return verified;
    }

    long size() {
        byHash.cleanUp();
        return byHash.estimatedSize();
    }

    public void evict(String keyId) {
        byHash.asMap().values().removeIf(cached -> cached.keyId().equals(keyId));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
