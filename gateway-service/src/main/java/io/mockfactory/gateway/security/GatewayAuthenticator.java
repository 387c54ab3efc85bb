package io.mockfactory.gateway.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micronaut.http.HttpRequest;
import io.mockfactory.kit.auth.AccessTokenVerifier;
import io.mockfactory.kit.auth.PresentedCredential;
import io.mockfactory.kit.auth.TokenIdentity;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Turns a request's credentials into a {@link Caller}: JWTs are verified here against the cached JWKS (no call per
 * request), API keys through auth-service behind a cache.
 */
@Singleton
public class GatewayAuthenticator {

    private final VerifiedTokenCache tokens;
    private final RevokedTokens revoked;
    private final ApiKeyVerifier apiKeys;

    public GatewayAuthenticator(JWKSource<SecurityContext> jwks, TokenIdentity identity, RevokedTokens revoked,
                                ApiKeyVerifier apiKeys) {
        this.tokens = new VerifiedTokenCache(new AccessTokenVerifier(jwks, identity.getIssuer(), identity.getAudience())::verify);
        this.revoked = revoked;
        this.apiKeys = apiKeys;
    }

    public Optional<Caller> authenticate(HttpRequest<?> request) {
        return PresentedCredential.of(request.getHeaders()).flatMap(presented -> {
            if (presented instanceof PresentedCredential.Jwt jwt) {
                return tokens.verify(jwt.token()).filter(claims -> !revoked.isRevoked(claims.jti()))
                        .map(claims -> new Caller(claims.userId(), claims.tier(), claims.jti(), null));
            }
            return apiKeys.verify(((PresentedCredential.ApiKey) presented).key())
                    .map(verified -> new Caller(verified.userId(), verified.tier(), null, verified.keyId()));
        });
    }
}
