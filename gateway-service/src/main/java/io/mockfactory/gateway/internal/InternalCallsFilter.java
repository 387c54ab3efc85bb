package io.mockfactory.gateway.internal;

import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.context.ServerRequestContext;
import io.mockfactory.kit.internal.InternalToken;
import io.mockfactory.kit.web.RequestCorrelation;
import org.slf4j.MDC;

/**
 * Every call to an internal service carries the internal token (they refuse any other caller) and the request's
 * {@code X-Request-Id}, so one id follows a request through every service's logs.
 */
@ClientFilter(serviceId = {Peers.AUTH, Peers.ENVIRONMENT, Peers.PROVISIONER, Peers.STORAGE, Peers.BILLING})
public class InternalCallsFilter {
    private final InternalToken token;

    public InternalCallsFilter(InternalToken token) {
        this.token = token;
    }

    @RequestFilter
    public void identify(MutableHttpRequest<?> request) {
        token.value().ifPresent(value -> request.header(InternalToken.HEADER, value));
        String requestId = ServerRequestContext.currentRequest()
                .flatMap(current -> current.getAttribute(RequestCorrelation.ATTRIBUTE, String.class))
                .orElse(MDC.get(RequestCorrelation.MDC_KEY));
        if (requestId != null && !request.getHeaders().contains(RequestCorrelation.HEADER)) {
            request.header(RequestCorrelation.HEADER, requestId);
        }
    }
}
