package io.mockfactory.gateway.security;

import io.mockfactory.gateway.internal.InternalServiceClient;
import io.mockfactory.gateway.internal.InternalServiceClients;
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
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks auth-service whether an API key is live, and remembers the answer briefly (keyed by the key's hash, never the
 * key). A revocation event evicts the key at once, so the cache does not outlive a revoke by more than the event's
 * trip through Kafka.
 */
@Singleton
public class ApiKeyVerifier {
    private final InternalServiceClient authService;
    private final JsonMapper json;
    private final AuthServiceSettings settings;
    private final Map<String, CachedKey> byHash = new ConcurrentHashMap<>();

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record VerifiedKey(String keyId, String userId, String tier) {
    }

    @Serdeable
    record VerifyRequest(String key) {
    }

    private record CachedKey(VerifiedKey key, Instant expiresAt) {
    }

    public ApiKeyVerifier(@Named(InternalServiceClients.AUTH) InternalServiceClient authService, JsonMapper json, AuthServiceSettings settings) {
        this.authService = authService;
        this.json = json;
        this.settings = settings;
    }

    public Optional<VerifiedKey> verify(String key) {
        String hash = sha256(key);
        CachedKey cached = byHash.get(hash);
        if (cached != null && cached.expiresAt().isAfter(Instant.now())) {
            return Optional.of(cached.key());
        }
        try {
            var response = authService.send(authService.request("/internal/api-keys/verify")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(new VerifyRequest(key)))));
            if (response.statusCode() != 200) {
                byHash.remove(hash);
                return Optional.empty();
            }
            VerifiedKey verified = json.readValue(response.body(), VerifiedKey.class);
            byHash.put(hash, new CachedKey(verified, Instant.now().plus(settings.getApiKeyCacheTtl())));
            return Optional.of(verified);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable answer from auth-service", e);
        }
    }

    public void evict(String keyId) {
        byHash.values().removeIf(cached -> cached.key().keyId().equals(keyId));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
