package io.mockfactory.auth.caller;

import io.micronaut.http.HttpRequest;
import io.mockfactory.auth.apikey.ApiKeys;
import io.mockfactory.auth.token.AccessTokens;
import io.mockfactory.auth.token.RevokedAccessTokens;
import io.mockfactory.kit.auth.AccessTokenClaims;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Who is calling, from {@code Authorization: Bearer <JWT>}, {@code Authorization: Bearer mf_…} or {@code X-API-Key}.
 * The auth service checks credentials itself rather than trusting a header the gateway could be bypassed to set.
 */
@Singleton
public class Callers {
    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final AccessTokens accessTokens;
    private final RevokedAccessTokens revoked;
    private final ApiKeys apiKeys;

    public Callers(AccessTokens accessTokens, RevokedAccessTokens revoked, ApiKeys apiKeys) {
        this.accessTokens = accessTokens;
        this.revoked = revoked;
        this.apiKeys = apiKeys;
    }

    public AccessTokenClaims require(HttpRequest<?> request) throws Exception {
        return identify(request).orElseThrow(() ->
                new ProblemException(ProblemType.UNAUTHORIZED, "Missing or invalid credentials."));
    }

    private Optional<AccessTokenClaims> identify(HttpRequest<?> request) throws Exception {
        String apiKey = request.getHeaders().get(API_KEY_HEADER);
        String authorization = request.getHeaders().get("Authorization");
        if (apiKey == null && authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String credential = authorization.substring(BEARER.length()).strip();
            if (!ApiKeys.looksLikeKey(credential)) {
                Optional<AccessTokenClaims> claims = accessTokens.verify(credential);
                return claims.isPresent() && revoked.isRevoked(claims.get().jti()) ? Optional.empty() : claims;
            }
            apiKey = credential;
        }
        return apiKey == null ? Optional.empty() : apiKeys.verify(apiKey)
                .map(key -> new AccessTokenClaims(key.userId(), key.tier(), null, null));
    }
}
