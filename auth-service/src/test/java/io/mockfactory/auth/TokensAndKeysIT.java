package io.mockfactory.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.mockfactory.auth.token.SigningKeys;
import io.mockfactory.kit.auth.AccessTokenVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import static io.mockfactory.auth.AuthApi.bearer;
import static io.mockfactory.auth.AuthApi.field;
import static io.mockfactory.auth.AuthApi.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forged and stale tokens are refused; signing keys rotate without breaking tokens already issued; API keys. */
class TokensAndKeysIT {
    private static final String PASSWORD = "correct-Horse-battery-9";
    private static AuthApi api;
    private static String userId;
    private static String accessToken;

    @BeforeAll
    static void start() throws Exception {
        api = new AuthApi();
        HttpResponse<String> registered = api.register(uniqueEmail(), PASSWORD);
        userId = field(registered.body(), "id");
        accessToken = field(registered.body(), "access_token");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void shouldRefuseATamperedToken() throws Exception {
        String[] parts = accessToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"beginner\"", "\"enterprise\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(401, me(tampered));
    }

    @Test
    void shouldRefuseAlgNone() throws Exception {
        String unsigned = new PlainJWT(claims("https://mockfactory.local", Instant.now().plusSeconds(600))).serialize();
        assertEquals(401, me(unsigned));
    }

    @Test
    void shouldRefuseHmacSignedWithThePublicKey() throws Exception {
        ECKey published = (ECKey) JWKSet.parse(api.get("/.well-known/jwks.json").body()).getKeys().get(0);
        byte[] secret = published.toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID())
                .type(AccessTokenVerifier.TOKEN_TYPE).build(), claims("https://mockfactory.local", Instant.now().plusSeconds(600)));
        confused.sign(new MACSigner(secret));
        assertEquals(401, me(confused.serialize()));
    }

    @Test
    void shouldRefuseAWrongIssuerAndAnExpiredToken() throws Exception {
        ECKey key = api.context.getBean(SigningKeys.class).active();
        assertEquals(401, me(signed(key, claims("https://evil.example", Instant.now().plusSeconds(600)))));
        assertEquals(401, me(signed(key, claims("https://mockfactory.local", Instant.now().minusSeconds(120)))));
        assertEquals(200, me(signed(key, claims("https://mockfactory.local", Instant.now().plusSeconds(600)))),
                "the same key and claims with a good issuer and expiry are accepted, so the refusals above are real");
    }

    @Test
    void shouldKeepVerifyingOldTokensAfterKeyRotation() throws Exception {
        String before = field(api.post("/api/v1/auth/login", loginBody()).body(), "access_token");
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        ECKey next = api.context.getBean(SigningKeys.class).rotate();

        String after = field(api.post("/api/v1/auth/login", loginBody()).body(), "access_token");
        assertEquals(next.getKeyID(), SignedJWT.parse(after).getHeader().getKeyID());
        assertEquals(200, me(before), "a token signed by the retired key still verifies");
        assertEquals(200, me(after));
        String jwks = api.get("/.well-known/jwks.json").body();
        assertTrue(jwks.contains(oldKid) && jwks.contains(next.getKeyID()), jwks);
        assertFalse(jwks.contains("\"d\""), "the JWKS holds public keys only");
    }

    @Test
    void shouldCreateUseAndRevokeApiKeys() throws Exception {
        HttpResponse<String> created = api.post("/api/v1/api-keys", "{\"name\":\"ci\"}", "Authorization", bearer(accessToken));
        assertEquals(201, created.statusCode(), created.body());
        String key = field(created.body(), "key");
        String keyId = field(created.body(), "id");
        assertTrue(key.startsWith("mf_") && keyId.startsWith("key_"), created.body());
        assertTrue(key.startsWith(field(created.body(), "prefix")));

        HttpResponse<String> viaHeader = api.get("/api/v1/auth/me", "X-API-Key", key);
        assertEquals(200, viaHeader.statusCode(), viaHeader.body());
        assertEquals(userId, field(viaHeader.body(), "id"));
        assertEquals(200, api.get("/api/v1/auth/me", "Authorization", bearer(key)).statusCode());

        HttpResponse<String> list = api.get("/api/v1/api-keys", "X-API-Key", key);
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains(keyId) && list.body().contains("\"next_cursor\""), list.body());
        assertFalse(list.body().contains(key), "the key is shown once only");

        String otherToken = field(api.register(uniqueEmail(), PASSWORD).body(), "access_token");
        assertEquals(404, api.delete("/api/v1/api-keys/" + keyId, "Authorization", bearer(otherToken)).statusCode(),
                "another user's key is not found");

        assertEquals(204, api.delete("/api/v1/api-keys/" + keyId, "Authorization", bearer(accessToken)).statusCode());
        assertEquals(401, api.get("/api/v1/auth/me", "X-API-Key", key).statusCode());
        assertEquals(401, api.get("/api/v1/auth/me", "X-API-Key", key.substring(0, key.length() - 1) + "x").statusCode());
    }

    @Test
    void shouldPageThroughApiKeys() throws Exception {
        String token = field(api.register(uniqueEmail(), PASSWORD).body(), "access_token");
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/api-keys", "{\"name\":\"k" + i + "\"}", "Authorization", bearer(token));
        }
        HttpResponse<String> first = api.get("/api/v1/api-keys?limit=2", "Authorization", bearer(token));
        String cursor = field(first.body(), "next_cursor");
        HttpResponse<String> second = api.get("/api/v1/api-keys?limit=2&cursor=" + cursor, "Authorization", bearer(token));
        assertTrue(second.body().contains("\"k0\"") && second.body().contains("\"next_cursor\":null"), second.body());
        assertEquals(422, api.get("/api/v1/api-keys?limit=0", "Authorization", bearer(token)).statusCode());
    }

    private static String loginBody() {
        return "{\"email\":\"" + email() + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static String email() {
        try {
            return field(api.get("/api/v1/auth/me", "Authorization", bearer(accessToken)).body(), "email");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int me(String token) throws Exception {
        return api.get("/api/v1/auth/me", "Authorization", bearer(token)).statusCode();
    }

    private static JWTClaimsSet claims(String issuer, Instant expiresAt) {
        return new JWTClaimsSet.Builder().subject(userId).issuer(issuer).audience("mockfactory-api")
                .issueTime(new Date()).expirationTime(Date.from(expiresAt)).jwtID("jti_forged_" + System.nanoTime())
                .claim("tier", "enterprise").build();
    }

    private static String signed(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(AccessTokenVerifier.TOKEN_TYPE).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}
