package io.mockfactory.gateway.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.mockfactory.kit.internal.InternalToken;
import jakarta.inject.Singleton;

import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * auth-service's public keys through Nimbus's JWK source: cached (refreshed ahead of expiry), an unknown {@code kid}
 * (a key rotated in) refetching at most once a second so that made-up kids cannot flood auth-service, one retry on a
 * failed fetch, and the last keys kept through an outage of auth-service. Callers that arrive while a fetch is in
 * flight wait for it instead of finding no key: right after start, every valid token verifies.
 */
@Factory
class AuthServiceJwks {
    private static final Duration CACHE_FOR = Duration.ofMinutes(5);
    private static final Duration WAIT_FOR_FETCH = Duration.ofSeconds(5);
    private static final Duration REFETCH_AT_MOST_EVERY = Duration.ofSeconds(1);
    private static final Duration TOLERATE_OUTAGE_FOR = Duration.ofHours(1);

    @Singleton
    JWKSource<SecurityContext> authServiceKeys(@Value("${mockfactory.services.auth.url:`http://localhost:8081`}") String authUrl,
                                               InternalToken internalToken, AuthServiceSettings settings)
            throws MalformedURLException {
        int timeout = (int) settings.getCallTimeout().toMillis();
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(timeout, timeout, 256 * 1024);
        // auth-service serves its JWKS to internal callers only, like every route of an internal service
        internalToken.value().ifPresent(token -> retriever.setHeaders(Map.of(InternalToken.HEADER, List.of(token))));
        return JWKSourceBuilder.<SecurityContext>create(new URL(authUrl + "/.well-known/jwks.json"), retriever)
                .cache(CACHE_FOR.toMillis(), WAIT_FOR_FETCH.toMillis())
                .refreshAheadCache(true)
                .rateLimited(REFETCH_AT_MOST_EVERY.toMillis())
                .retrying(true)
                .outageTolerant(TOLERATE_OUTAGE_FOR.toMillis())
                .build();
    }
}
