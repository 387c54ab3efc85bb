package io.mockfactory.gateway.security;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micronaut.context.annotation.Value;
import io.mockfactory.kit.internal.InternalToken;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Every call the gateway makes to auth-service, with the internal token, a timeout and the named circuit breaker
 * {@code auth-service}. Its fallback fails closed: while auth-service cannot answer, a credential that needs it is
 * refused with 503, never waved through.
 */
@Singleton
public class AuthServiceClient {
    private final HttpClient http;
    private final String baseUrl;
    private final InternalToken internalToken;
    private final Duration timeout;
    private final CircuitBreaker breaker = CircuitBreaker.of("auth-service", CircuitBreakerConfig.custom()
            .slidingWindowSize(20).minimumNumberOfCalls(10).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(10)).build());

    public AuthServiceClient(@Value("${mockfactory.services.auth.url:`http://localhost:8081`}") String baseUrl,
                             InternalToken internalToken, AuthServiceSettings settings) {
        this.baseUrl = baseUrl;
        this.internalToken = internalToken;
        this.timeout = settings.getCallTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Sends {@code request} (relative to auth-service) with the internal token, through the breaker. */
    public HttpResponse<byte[]> send(HttpRequest.Builder request) {
        request.timeout(timeout);
        internalToken.value().ifPresent(token -> request.header(InternalToken.HEADER, token));
        return guarded(() -> {
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() >= 500) {
                    throw new IllegalStateException("auth-service answered " + response.statusCode());
                }
                return response;
            } catch (IOException e) {
                throw new IllegalStateException("auth-service unreachable: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        });
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path));
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException | IllegalStateException e) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "Authentication is temporarily unavailable; retry shortly.");
        }
    }
}
