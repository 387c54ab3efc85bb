package io.mockfactory.gateway.security;

import io.mockfactory.gateway.FakeTime;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.internal.auth.ApiKeyOperations;
import io.mockfactory.internal.auth.VerifiedKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache in front of auth-service's verify route, against a stand-in that counts what it is asked. */
class ApiKeyVerifierTest {
    private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicInteger asked = new AtomicInteger();
    /** Keys "mf_<n>" belong to key_<n>; every other key is unknown. */
    private final ApiKeyOperations authService = request -> {
        asked.incrementAndGet();
        return request.key().startsWith("mf_")
                ? Optional.of(new VerifiedKey("key_" + request.key().substring(3), "usr_1", "beginner")) : Optional.empty();
    };
    private final ApiKeyVerifier verifier = verifier(10);

    private ApiKeyVerifier verifier(int maxEntries) {
        AuthServiceSettings settings = new AuthServiceSettings();
        settings.setApiKeyCacheTtl(Duration.ofSeconds(60));
        return new ApiKeyVerifier(authService, new PeerCalls("auth-service", "down", 16), settings, maxEntries, time);
    }

    @Test
    void shouldAskOnceWithinTheTtlAndAgainAfterIt() {
        verifier.verify("mf_1");
        verifier.verify("mf_1");
        assertEquals(1, asked.get());
        time.advance(Duration.ofSeconds(61));
        verifier.verify("mf_1");
        assertEquals(2, asked.get());
    }

    @Test
    void shouldAskAgainAfterARevocationEvictedTheKey() {
        verifier.verify("mf_7");
        verifier.evict("key_7");
        verifier.verify("mf_7");
        assertEquals(2, asked.get());
    }

    @Test
    void shouldNeverRememberAnUnknownKey() {
        verifier.verify("unknown");
        verifier.verify("unknown");
        assertEquals(2, asked.get());
    }

    @Test
    void shouldStayWithinItsBound() {
        for (int i = 0; i < 50; i++) {
            verifier.verify("mf_" + i);
        }
        assertTrue(verifier.size() <= 10, "entries: " + verifier.size());
    }
}
