package io.mockfactory.gateway.security;

import io.mockfactory.gateway.internal.InternalServiceClient;
import io.mockfactory.gateway.internal.InternalServiceClients;
import jakarta.inject.Named;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * auth-service's public keys, cached. An unknown {@code kid} (a key rotated in) triggers a refetch, at most every
 * few seconds so that tokens with made-up kids cannot turn the gateway into a JWKS flood.
 */
@Singleton
public class RemoteJwks implements JWKSource<SecurityContext> {
    private static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(5);

    private final InternalServiceClient authService;
    private volatile JWKSet cached = new JWKSet();
    private volatile Instant fetchedAt = Instant.EPOCH;

    public RemoteJwks(@Named(InternalServiceClients.AUTH) InternalServiceClient authService) {
        this.authService = authService;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        List<JWK> found = selector.select(cached);
        if (found.isEmpty() && Instant.now().isAfter(fetchedAt.plus(MIN_REFETCH_INTERVAL))) {
            refetch();
            found = selector.select(cached);
        }
        return found;
    }

    private synchronized void refetch() {
        if (Instant.now().isBefore(fetchedAt.plus(MIN_REFETCH_INTERVAL))) {
            return;
        }
        fetchedAt = Instant.now();
        try {
            var response = authService.send(authService.request("/.well-known/jwks.json").GET());
            if (response.statusCode() == 200) {
                cached = JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8));
            }
        } catch (RuntimeException | java.text.ParseException e) {
            // Keep the keys we have: tokens signed by them still verify while auth-service is away
        }
    }
}
