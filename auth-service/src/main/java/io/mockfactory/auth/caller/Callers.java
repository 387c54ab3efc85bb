package io.mockfactory.auth.caller;

import io.micronaut.http.HttpRequest;
import io.mockfactory.auth.apikey.ApiKeys;
import io.mockfactory.auth.token.AccessTokens;
import io.mockfactory.auth.token.RevokedAccessTokens;
import io.mockfactory.kit.auth.AccessTokenClaims;
import io.mockfactory.kit.auth.PresentedCredential;
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
        Optional<PresentedCredential> presented = PresentedCredential.of(request.getHeaders());
        if (presented.isEmpty()) {
            return Optional.empty();
        }
        if (presented.get() instanceof PresentedCredential.Jwt jwt) {
            Optional<AccessTokenClaims> claims = accessTokens.verify(jwt.token());
            return claims.isPresent() && revoked.isRevoked(claims.get().jti()) ? Optional.empty() : claims;
        }
        return apiKeys.verify(((PresentedCredential.ApiKey) presented.get()).key())
                .map(key -> new AccessTokenClaims(key.userId(), key.tier(), null, null));
    }
}
