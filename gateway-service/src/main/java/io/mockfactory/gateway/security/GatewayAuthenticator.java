package io.mockfactory.gateway.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micronaut.http.HttpRequest;
import io.mockfactory.kit.auth.AccessTokenVerifier;
import io.mockfactory.kit.auth.TokenIdentity;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Turns a request's credentials into a {@link Caller}: JWTs are verified here against the cached JWKS (no call per
 * request), API keys through auth-service behind a cache.
 */
@Singleton
public class GatewayAuthenticator {
    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";
    private static final String API_KEY_PREFIX = "mf_";

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
        String apiKey = request.getHeaders().get(API_KEY_HEADER);
        String authorization = request.getHeaders().get("Authorization");
        if (apiKey == null && authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String credential = authorization.substring(BEARER.length()).strip();
            if (!credential.startsWith(API_KEY_PREFIX)) {
                return tokens.verify(credential).filter(claims -> !revoked.isRevoked(claims.jti()))
                        .map(claims -> new Caller(claims.userId(), claims.tier(), claims.jti(), null));
            }
            apiKey = credential;
        }
        if (apiKey == null || !apiKey.startsWith(API_KEY_PREFIX)) {
            return Optional.empty();
        }
        return apiKeys.verify(apiKey).map(key -> new Caller(key.userId(), key.tier(), null, key.keyId()));
    }
}
