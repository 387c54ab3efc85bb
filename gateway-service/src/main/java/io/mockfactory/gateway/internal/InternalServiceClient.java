package io.mockfactory.gateway.internal;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.mockfactory.kit.internal.InternalToken;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Calls from the gateway to one internal service, with the internal token, a timeout and a circuit breaker named
 * after the service. The fallback fails closed: while the service cannot answer, the request gets a 503 (for
 * authentication: the credential is refused, never waved through).
 */
public class InternalServiceClient {
    private final HttpClient http;
    private final String baseUrl;
    private final InternalToken internalToken;
    private final Duration timeout;
    private final String unavailableDetail;
    private final CircuitBreaker breaker;

    public InternalServiceClient(String name, String baseUrl, InternalToken internalToken, Duration timeout,
                                 String unavailableDetail) {
        this.baseUrl = baseUrl;
        this.internalToken = internalToken;
        this.timeout = timeout;
        this.unavailableDetail = unavailableDetail;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowSize(20).minimumNumberOfCalls(10).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10)).build());
    }

    /** Sends {@code request} (built by {@link #request}) with the internal token, through the breaker. */
    public HttpResponse<byte[]> send(HttpRequest.Builder request) {
        request.timeout(timeout);
        internalToken.value().ifPresent(token -> request.header(InternalToken.HEADER, token));
        return guarded(() -> {
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() >= 500) {
                    throw new IllegalStateException(breaker.getName() + " answered " + response.statusCode());
                }
                return response;
            } catch (IOException e) {
                throw new IllegalStateException(breaker.getName() + " unreachable: " + e.getMessage(), e);
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
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, unavailableDetail);
        }
    }
}
