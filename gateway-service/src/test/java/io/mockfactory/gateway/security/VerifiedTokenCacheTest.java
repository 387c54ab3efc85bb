package io.mockfactory.gateway.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mockfactory.kit.auth.AccessTokenVerifier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerifiedTokenCacheTest {
    private final ECKey key = generate();
    private final VerifiedTokenCache cache = new VerifiedTokenCache(new AccessTokenVerifier(
            new ImmutableJWKSet<SecurityContext>(new JWKSet(key.toPublicJWK())), "iss", "aud"));

    @Test
    void shouldServeARepeatedTokenAndStillRefuseATamperedOne() throws Exception {
        String token = sign(Instant.now().plusSeconds(60));
        assertTrue(cache.verify(token).isPresent());
        assertTrue(cache.verify(token).isPresent());
        assertFalse(cache.verify(tamperSignature(token)).isPresent());
    }

    @Test
    void shouldServeTheSameVerifiedClaimsWithoutVerifyingAgain() throws Exception {
        String token = sign(Instant.now().plusSeconds(60));
        assertSame(cache.verify(token).orElseThrow(), cache.verify(token).orElseThrow());
    }

    @Test
    void shouldNeverCacheAnExpiredToken() throws Exception {
        String token = sign(Instant.now().minusSeconds(120));
        assertFalse(cache.verify(token).isPresent());
        assertFalse(cache.verify(token).isPresent());
    }

    /** Flips one character well inside the signature: the last ones may only carry base64 padding bits. */
    private static String tamperSignature(String token) {
        int index = token.lastIndexOf('.') + 10;
        char replacement = token.charAt(index) == 'A' ? 'B' : 'A';
        return token.substring(0, index) + replacement + token.substring(index + 1);
    }

    private String sign(Instant expiresAt) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(AccessTokenVerifier.TOKEN_TYPE).build(),
                new JWTClaimsSet.Builder().subject("usr_1").issuer("iss").audience("aud").issueTime(new Date())
                        .expirationTime(Date.from(expiresAt)).jwtID("jti_1").claim("tier", "beginner").build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
