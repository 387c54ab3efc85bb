package io.mockfactory.kit.internal;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.mockfactory.kit.auth.PresentedCredential;
import io.mockfactory.kit.web.ProblemException;
import io.mockfactory.kit.web.ProblemType;

/**
 * On a service that only other services call, every route but {@code /health} requires the internal token: reaching
 * the port directly gets a 401, whatever the request carries. {@code /metrics} also takes it as
 * {@code Authorization: Bearer <token>}, which is how Prometheus sends a credentials file.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "mockfactory.internal.enforce", value = "true")
public class InternalTokenFilter implements io.micronaut.core.order.Ordered {
    private final InternalToken token;
    private final ErrorResponseProcessor<?> errors;

    public InternalTokenFilter(InternalToken token, ErrorResponseProcessor<?> errors) {
        this.token = token;
        this.errors = errors;
    }

    /** @return null to let the request through, otherwise the 401 to send */
    @RequestFilter
    @Nullable
    public HttpResponse<?> requireToken(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.equals("/health") || token.accepts(request.getHeaders().get(InternalToken.HEADER))
                || path.equals("/metrics") && token.accepts(PresentedCredential.bearer(
                        request.getHeaders().get("Authorization")).orElse(null))) {
            return null;
        }
        ProblemException denied = new ProblemException(ProblemType.UNAUTHORIZED, "This service accepts calls from other MockFactory services only.");
        return errors.processResponse(ErrorContext.builder(request).cause(denied).build(),
                HttpResponse.status(ProblemType.UNAUTHORIZED.status()));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }
}
