package io.mockfactory.gateway.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

import java.util.Optional;
import java.util.Set;

/**
 * Every {@code /api/v1} route needs a caller, except the three that create a session. A failure is a 401 with
 * {@code WWW-Authenticate}; an authentication backend that cannot answer is a 503, never a pass.
 */
@ServerFilter("/api/v1/**")
public class AuthenticationFilter implements Ordered {
    static final Set<String> PUBLIC_PATHS = Set.of("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh",
            // Authenticated by its Stripe-Signature header instead (billing-service verifies it)
            "/api/v1/billing/webhooks/stripe");

    private final GatewayAuthenticator authenticator;
    private final ErrorResponseProcessor<?> errors;

    public AuthenticationFilter(GatewayAuthenticator authenticator, ErrorResponseProcessor<?> errors) {
        this.authenticator = authenticator;
        this.errors = errors;
    }

    /** @return null to continue, or the refusal */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (isPublic(request)) {
            return null;
        }
        try {
            Optional<Caller> caller = authenticator.authenticate(request);
            if (caller.isPresent()) {
                request.setAttribute(Caller.ATTRIBUTE, caller.get());
                return null;
            }
            return refuse(request, new ProblemException(ProblemType.UNAUTHORIZED,
                    "Missing or invalid credentials: send Authorization: Bearer <token> or X-API-Key."));
        } catch (ProblemException e) {
            return refuse(request, e);
        }
    }

    static boolean isPublic(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.POST && PUBLIC_PATHS.contains(request.getPath());
    }

    private HttpResponse<?> refuse(HttpRequest<?> request, ProblemException problem) {
        MutableHttpResponse<?> response = errors.processResponse(ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.status(problem.type().status()));
        if (problem.type() == ProblemType.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer realm=\"mockfactory\"");
        }
        return response;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }
}
