package io.mockfactory.gateway.security;

import io.mockfactory.gateway.internal.InternalServiceClient;
import io.mockfactory.gateway.internal.InternalServiceClients;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.http.HttpRequest;
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
    private final InternalServiceClient authService;
    private final JsonMapper json;
    /** Answers by the key's hash; bounded, each for the configured TTL (revocation events evict sooner). */
    private final Cache<String, VerifiedKey> byHash;

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record VerifiedKey(String keyId, String userId, String tier) {
    }

    @Serdeable
    record VerifyRequest(String key) {
    }

    static final int MAX_ENTRIES = 100_000;

    @Inject
    public ApiKeyVerifier(@Named(InternalServiceClients.AUTH) InternalServiceClient authService, JsonMapper json,
                          AuthServiceSettings settings) {
        this(authService, json, settings, MAX_ENTRIES, Ticker.systemTicker());
    }

    ApiKeyVerifier(InternalServiceClient authService, JsonMapper json, AuthServiceSettings settings, int maxEntries,
                   Ticker ticker) {
        this.authService = authService;
        this.json = json;
        this.byHash = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(settings.getApiKeyCacheTtl())
                .ticker(ticker).executor(Runnable::run).build();
    }

    public Optional<VerifiedKey> verify(String key) {
        String hash = sha256(key);
        VerifiedKey cached = byHash.getIfPresent(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            var response = authService.send(authService.request("/internal/api-keys/verify")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(new VerifyRequest(key)))));
            if (response.statusCode() != 200) {
                byHash.invalidate(hash);
                return Optional.empty();
            }
            VerifiedKey verified = json.readValue(response.body(), VerifiedKey.class);
            byHash.put(hash, verified);
            return Optional.of(verified);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable answer from auth-service", e);
        }
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
