package io.mockfactory.gateway.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.mockfactory.gateway.security.Caller;
import io.mockfactory.kit.tier.Tiers;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.util.Set;

/**
 * Per-tier request limits on every authenticated route, a per-client limit on the session endpoints, and the
 * {@code RateLimit-Limit/Remaining/Reset} headers on each such response; over the limit is 429 with
 * {@code Retry-After}.
 */
@ServerFilter("/api/v1/**")
public class RateLimitFilter implements Ordered {
    private static final Set<String> SESSION_PATHS = Set.of("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh");

    private final RateLimiter limiter;
    private final Tiers tiers;
    private final RateLimitSettings settings;
    private final ErrorResponseProcessor<?> errors;

    public RateLimitFilter(RateLimiter limiter, Tiers tiers, RateLimitSettings settings, ErrorResponseProcessor<?> errors) {
        this.limiter = limiter;
        this.tiers = tiers;
        this.settings = settings;
        this.errors = errors;
    }

    /** @return null to continue, or the 429 */
    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        RateLimiter.Decision decision;
        if (request.getMethod() == HttpMethod.POST && SESSION_PATHS.contains(request.getPath())) {
            decision = limiter.acquire(Caller.clientKey(request),
                    settings.getAuthPerClientPerMinute());
        } else {
            Caller caller = request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElse(null);
            if (caller == null) {
                return null;
            }
            int perMinute = tiers.effectiveLimits(caller.tier()).requestsPerMinute();
            decision = limiter.acquire(Caller.userKey(caller.userId()), perMinute);
        }
        request.setAttribute(RateLimiter.Decision.ATTRIBUTE, decision);
        return decision.allowed() ? null : tooMany(request, decision);
    }

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(RateLimiter.Decision.ATTRIBUTE, RateLimiter.Decision.class)
                .ifPresent(decision -> setHeaders(response, decision));
    }

    /** Also used for the per-account limit of the session endpoints, which needs the request body. */
    public MutableHttpResponse<?> tooMany(HttpRequest<?> request, RateLimiter.Decision decision) {
        MutableHttpResponse<?> response = errors.processResponse(ErrorContext.builder(request)
                .cause(new ProblemException(ProblemType.RATE_LIMITED,
                        "Rate limit of " + decision.limit() + " requests a minute reached; retry in "
                                + decision.resetSeconds() + " s.")).build(),
                HttpResponse.status(ProblemType.RATE_LIMITED.status()));
        response.header("Retry-After", String.valueOf(decision.resetSeconds()));
        setHeaders(response, decision);
        return response;
    }

    private static void setHeaders(MutableHttpResponse<?> response, RateLimiter.Decision decision) {
        response.header("RateLimit-Limit", String.valueOf(decision.limit()));
        response.header("RateLimit-Remaining", String.valueOf(decision.remaining()));
        response.header("RateLimit-Reset", String.valueOf(decision.resetSeconds()));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
