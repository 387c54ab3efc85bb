package io.mockfactory.kit.web;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.mockfactory.events.EventIds;
import org.slf4j.MDC;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is sane, a new one otherwise), puts it in the
 * log MDC for the whole request and echoes it on every response, errors included.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CorrelationIdFilter implements io.micronaut.core.order.Ordered {
    // Client ids end up in logs and Kafka headers: bound their length and alphabet
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    @RequestFilter
    public void assignId(HttpRequest<?> request, MutablePropagatedContext propagatedContext) {
        String offered = request.getHeaders().get(RequestCorrelation.HEADER);
        String id = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : EventIds.newId("req");
        request.setAttribute(RequestCorrelation.ATTRIBUTE, id);
        propagatedContext.add(new MdcPropagationContext(Map.of(RequestCorrelation.MDC_KEY, id)));
        MDC.put(RequestCorrelation.MDC_KEY, id);
    }

    @ResponseFilter
    public void echoId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(RequestCorrelation.ATTRIBUTE, String.class)
                .ifPresent(id -> response.getHeaders().set(RequestCorrelation.HEADER, id));
        MDC.remove(RequestCorrelation.MDC_KEY);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
