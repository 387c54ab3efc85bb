package io.mockfactory.gateway.security;

import com.github.benmanes.caffeine.cache.AsyncCache;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
    /**
     * Answers by the key's hash; bounded, each for the configured TTL (revocation events evict sooner). Asynchronous
     * so that the requests which arrive together once an answer has expired share one call to auth-service instead
     * of each making its own; a refusal or a failed call stores nothing.
     */
    private final AsyncCache<String, VerifiedKey> byHash;

    @Inject
    public ApiKeyVerifier(AuthClient authService, @Named(Peers.AUTH) PeerCalls calls, AuthServiceSettings settings) {
        this(authService, calls, settings, MAX_ENTRIES, Ticker.systemTicker());
    }

    ApiKeyVerifier(ApiKeyOperations authService, PeerCalls calls, AuthServiceSettings settings, int maxEntries,
                   Ticker ticker) {
        this.authService = authService;
        this.calls = calls;
        this.byHash = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(settings.getApiKeyCacheTtl())
                .ticker(ticker).executor(Runnable::run).buildAsync();
    }

    public Optional<VerifiedKey> verify(String key) {
        String hash = sha256(key);
        CompletableFuture<VerifiedKey> mine = new CompletableFuture<>();
        CompletableFuture<VerifiedKey> held = byHash.asMap().putIfAbsent(hash, mine);
        if (held != null) {
            return Optional.ofNullable(joined(held));
        }
        // This request asks, outside any lock of the cache's; the others wait on its future. A refusal (null) or a
        // failure completes the future too, and the cache then drops the entry, so neither is remembered
        try {
            VerifiedKey verified = calls.call(() -> authService.verify(new VerifyRequest(key))).orElse(null);
            mine.complete(verified);
            return Optional.ofNullable(verified);
        } catch (RuntimeException failed) {
            mine.completeExceptionally(failed);
            throw failed;
        }
    }

    private static VerifiedKey joined(CompletableFuture<VerifiedKey> held) {
        try {
            return held.join();
        } catch (CompletionException failed) {
            // The call's own problem (503 while auth-service is away), as the request that made it had it
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
        }
    }

    long size() {
        byHash.synchronous().cleanUp();
        return byHash.synchronous().estimatedSize();
    }

    public void evict(String keyId) {
        byHash.synchronous().asMap().values().removeIf(cached -> cached.keyId().equals(keyId));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
