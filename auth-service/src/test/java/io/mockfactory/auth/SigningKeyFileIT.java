package io.mockfactory.auth;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.mockfactory.auth.AuthApi.bearer;
import static io.mockfactory.auth.AuthApi.field;
import static io.mockfactory.auth.AuthApi.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A deployment mounts its key as a PEM file (as `openssl ecparam -genkey` writes it); that key signs. */
class SigningKeyFileIT {

    @Test
    void shouldSignWithTheMountedKey(@TempDir Path secrets) throws Exception {
        Path keyFile = secrets.resolve("jwt_signing_key");
        Process openssl = new ProcessBuilder("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout",
                "-out", keyFile.toString()).inheritIO().start();
        assertEquals(0, openssl.waitFor());

        try (AuthApi api = new AuthApi(keyFile.toString())) {
            String token = field(api.register(uniqueEmail(), "correct-Horse-battery-9").body(), "access_token");
            ECKey published = (ECKey) JWKSet.parse(api.get("/.well-known/jwks.json").body()).getKeys().get(0);

            assertEquals(published.getKeyID(), SignedJWT.parse(token).getHeader().getKeyID());
            assertEquals(1, JWKSet.parse(api.get("/.well-known/jwks.json").body()).getKeys().size());
            assertEquals(200, api.get("/api/v1/auth/me", "Authorization", bearer(token)).statusCode());
        }
    }
}
