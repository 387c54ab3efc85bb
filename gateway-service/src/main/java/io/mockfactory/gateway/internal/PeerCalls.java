package io.mockfactory.gateway.internal;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.context.ServerRequestContext;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The gateway's calls to one internal service (made through its typed Micronaut client), behind a circuit breaker
 * named after the service and a per-caller bulkhead. The breaker counts only what says the peer itself is unwell (no
 * connection, a timeout, 502/503/504): a 4xx is the request's own answer, and a 500 is a fault with that one request,
 * answered 502 to its caller alone, so no caller can open the breaker for everyone by sending bad input. While the
 * breaker is open the request gets a 503 (for authentication: the credential is refused, never waved through).
 */
public class PeerCalls {
    private static final Set<Integer> UNAVAILABLE = Set.of(502, 503, 504);

    private final String unavailableDetail;
    private final CircuitBreaker breaker;
    private final CallerPermits permits;

    /** The peer could not answer at all: counted by the breaker. */
    private static final class PeerUnavailable extends RuntimeException {
        PeerUnavailable(String message) {
            super(message, null, false, false);
        }
    }

    /** The peer answered this request with an error of its own: not counted, it says nothing of other requests. */
    private static final class PeerAnswered extends RuntimeException {
        private final int status;

        PeerAnswered(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    public PeerCalls(String name, String unavailableDetail, int callsPerCaller) {
        this.unavailableDetail = unavailableDetail;
        this.permits = new CallerPermits(callsPerCaller);
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowSize(50).minimumNumberOfCalls(20).failureRateThreshold(50)
                .recordExceptions(PeerUnavailable.class).ignoreExceptions(PeerAnswered.class, ProblemException.class)
                .waitDurationInOpenState(Duration.ofSeconds(10)).build());
    }

    /** Runs one call to the peer; its HTTP failures become the caller's problem+json answer. */
    public <T> T call(Callable<T> call) {
        Optional<String> caller = currentCaller();
        if (caller.isPresent() && !permits.tryAcquire(caller.get())) {
            throw new ProblemException(ProblemType.RATE_LIMITED,
                    "Too many of your requests are in flight at once; retry when some have finished.");
        }
        try {
            return breaker.executeCallable(() -> classified(call));
        } catch (CallNotPermittedException | PeerUnavailable e) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, unavailableDetail);
        } catch (PeerAnswered answered) {
            if (answered.status >= 500) {
                throw new ProblemException(ProblemType.BAD_GATEWAY,
                        "A MockFactory service failed on this request; quote the request id when reporting it.");
            }
            // The gateway validates before it asks, so a refusal here is one it could not foresee (or a race)
            throw new ProblemException(ProblemType.forStatus(answered.status), "The request was refused by a MockFactory service.");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception unreadable) {
            ProblemException problem = new ProblemException(ProblemType.BAD_GATEWAY,
                    "A MockFactory service's answer could not be read; quote the request id when reporting it.");
            problem.initCause(unreadable);
            throw problem;
        } finally {
            caller.ifPresent(permits::release);
        }
    }

    private <T> T classified(Callable<T> call) throws Exception {
        try {
            return call.call();
        } catch (HttpClientResponseException e) {
            if (UNAVAILABLE.contains(e.code())) {
                throw new PeerUnavailable(breaker.getName() + " answered " + e.code());
            }
            throw new PeerAnswered(e.code());
        } catch (HttpClientException e) {
            throw new PeerUnavailable(breaker.getName() + " unreachable: " + e.getClass().getSimpleName());
        }
    }

    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    public String name() {
        return breaker.getName();
    }

    /** Whose call this is: the authenticated user, or before authentication the client's address. */
    private static Optional<String> currentCaller() {
        return ServerRequestContext.currentRequest().map(Caller::limitKey);
    }
}
