package io.mockfactory.gateway.security;

import io.mockfactory.gateway.FakeTime;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevokedTokensTest {
    private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void shouldRememberARevocationUntilTheTokenWouldHaveExpired() {
        RevokedTokens revoked = new RevokedTokens(100, time, time);
        revoked.revoke("jti_1", time.instant().plusSeconds(900));
        time.advance(Duration.ofSeconds(899));
        assertTrue(revoked.isRevoked("jti_1"));
        time.advance(Duration.ofSeconds(2));
        assertFalse(revoked.isRevoked("jti_1"), "expired tokens are refused anyway: nothing to remember");
        assertEquals(0, revoked.size());
    }

    @Test
    void shouldIgnoreATokenThatHasAlreadyExpired() {
        RevokedTokens revoked = new RevokedTokens(100, time, time);
        revoked.revoke("jti_old", time.instant().minusSeconds(1));
        assertEquals(0, revoked.size());
    }

    @Test
    void shouldStayWithinItsBound() {
        RevokedTokens revoked = new RevokedTokens(10, time, time);
        for (int i = 0; i < 50; i++) {
            revoked.revoke("jti_" + i, time.instant().plusSeconds(900));
        }
        assertTrue(revoked.size() <= 10, "entries: " + revoked.size());
        assertTrue(revoked.isRevoked("jti_49"), "the newest revocations are kept");
    }
}
