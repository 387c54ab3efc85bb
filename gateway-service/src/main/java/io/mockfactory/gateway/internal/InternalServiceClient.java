package io.mockfactory.gateway.internal;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micronaut.http.context.ServerRequestContext;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.kit.internal.InternalToken;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Calls from the gateway to one internal service, with the internal token, a timeout, a circuit breaker named after
 * the service and a per-caller bulkhead. The breaker counts only what says the peer itself is unwell (no connection,
 * a timeout, 502/503/504): a 4xx is the request's own answer, and a 500 is a fault with that one request, answered
 * 502 to its caller alone, so no caller can open the breaker for everyone by sending bad input. While the breaker
 * is open the request gets a 503 (for authentication: the credential is refused, never waved through).
 */
public class InternalServiceClient {
    private static final Set<Integer> UNAVAILABLE = Set.of(502, 503, 504);

    private final HttpClient http;
    private final String baseUrl;
    private final InternalToken internalToken;
    private final Duration timeout;
    private final String unavailableDetail;
    private final CircuitBreaker breaker;
    private final CallerPermits permits;

    /** The peer could not answer at all: counted by the breaker. */
    private static final class PeerUnavailable extends RuntimeException {
        PeerUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** The peer answered 500 to this request: not counted, since it says nothing about other requests. */
    private static final class PeerFault extends RuntimeException {
        PeerFault() {
            super(null, null, false, false);
        }
    }

    public InternalServiceClient(String name, String baseUrl, InternalToken internalToken, Duration timeout,
                                 String unavailableDetail, int callsPerCaller) {
        this.baseUrl = baseUrl;
        this.internalToken = internalToken;
        this.timeout = timeout;
        this.unavailableDetail = unavailableDetail;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.permits = new CallerPermits(callsPerCaller);
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowSize(50).minimumNumberOfCalls(20).failureRateThreshold(50)
                .recordExceptions(PeerUnavailable.class).ignoreExceptions(PeerFault.class)
                .waitDurationInOpenState(Duration.ofSeconds(10)).build());
    }

    /** Sends {@code request} (built by {@link #request}) with the internal token, through the bulkhead and breaker. */
    public HttpResponse<byte[]> send(HttpRequest.Builder request) {
        request.timeout(timeout);
        internalToken.value().ifPresent(token -> request.header(InternalToken.HEADER, token));
        Optional<String> caller = currentCaller();
        if (caller.isPresent() && !permits.tryAcquire(caller.get())) {
            throw new ProblemException(ProblemType.RATE_LIMITED,
                    "Too many of your requests are in flight at once; retry when some have finished.");
        }
        try {
            return breaker.executeSupplier(() -> exchange(request.build()));
        } catch (CallNotPermittedException | PeerUnavailable e) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, unavailableDetail);
        } catch (PeerFault e) {
            throw new ProblemException(ProblemType.BAD_GATEWAY,
                    "A MockFactory service failed on this request; quote the request id when reporting it.");
        } finally {
            caller.ifPresent(permits::release);
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (UNAVAILABLE.contains(response.statusCode())) {
                throw new PeerUnavailable(breaker.getName() + " answered " + response.statusCode());
            }
            if (response.statusCode() >= 500) {
                throw new PeerFault();
            }
            return response;
        } catch (IOException e) {
            throw new PeerUnavailable(breaker.getName() + " unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailable("interrupted");
        }
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path));
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    public String name() {
        return breaker.getName();
    }

    /** Whose call this is: the authenticated user, or before authentication the client's address. */
    private static Optional<String> currentCaller() {
        return ServerRequestContext.currentRequest().map(request -> request.getAttribute(Caller.ATTRIBUTE, Caller.class)
                .map(caller -> "user:" + caller.userId())
                .orElseGet(() -> "client:" + request.getRemoteAddress().getAddress().getHostAddress()));
    }
}
