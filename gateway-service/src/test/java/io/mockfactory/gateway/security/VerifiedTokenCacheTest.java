package io.mockfactory.gateway.security;

import io.mockfactory.gateway.FakeTime;
import io.mockfactory.kit.auth.AccessTokenClaims;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Around a verifier that counts its calls: each case fails if the cache stops caching, or caches too long. */
class VerifiedTokenCacheTest {
    private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicInteger verifications = new AtomicInteger();
    /** Tokens named "valid-<seconds>" verify, expiring that many seconds from the start; anything else is refused. */
    private final Function<String, Optional<AccessTokenClaims>> verifier = token -> {
        verifications.incrementAndGet();
        return token.startsWith("valid-") ? Optional.of(new AccessTokenClaims("usr_1", "beginner", token,
                Instant.parse("2026-12-01T10:00:00Z").plusSeconds(Long.parseLong(token.substring(6))))) : Optional.empty();
    };

    @Test
    void shouldVerifyARepeatedTokenOnce() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 100, time, time);
        for (int i = 0; i < 5; i++) {
            assertTrue(cache.verify("valid-60").isPresent());
        }
        assertEquals(1, verifications.get());
    }

    @Test
    void shouldVerifyAgainOnceTheTokenHasExpired() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 100, time, time);
        cache.verify("valid-60");
        time.advance(Duration.ofSeconds(59));
        cache.verify("valid-60");
        assertEquals(1, verifications.get(), "still valid: served from the cache");
        time.advance(Duration.ofSeconds(2));
        cache.verify("valid-60");
        assertEquals(2, verifications.get(), "expired: asked again (and the verifier's own exp check decides)");
    }

    @Test
    void shouldNeverCacheARefusal() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 100, time, time);
        assertFalse(cache.verify("forged").isPresent());
        assertFalse(cache.verify("forged").isPresent());
        assertEquals(2, verifications.get());
    }

    @Test
    void shouldStayWithinItsBound() {
        VerifiedTokenCache cache = new VerifiedTokenCache(verifier, 10, time, time);
        for (int i = 0; i < 100; i++) {
            cache.verify("valid-" + (600 + i));
        }
        assertTrue(cache.size() <= 10, "entries: " + cache.size());
    }
}
