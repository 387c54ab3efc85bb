package io.mockfactory.gateway.internal;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.mockfactory.kit.internal.InternalToken;
import io.mockfactory.kit.web.RequestCorrelation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What every internal call carries. (That the filter is applied to each internal client at all, every end-to-end
 * test shows: the internal services refuse any call without the token.)
 */
class InternalCallsFilterTest {
    private final InternalCallsFilter filter = new InternalCallsFilter(new InternalToken("internal-secret"));

    @AfterEach
    void clear() {
        MDC.remove(RequestCorrelation.MDC_KEY);
    }

    @Test
    void shouldAddTheInternalTokenAndTheRequestsCorrelationId() {
        MDC.put(RequestCorrelation.MDC_KEY, "req_trace-me");
        MutableHttpRequest<?> call = HttpRequest.GET("/internal/environments/env_x");
        filter.identify(call);
        assertEquals("internal-secret", call.getHeaders().get(InternalToken.HEADER));
        assertEquals("req_trace-me", call.getHeaders().get(RequestCorrelation.HEADER));
    }

    @Test
    void shouldKeepAnIdTheCallAlreadyCarries() {
        MDC.put(RequestCorrelation.MDC_KEY, "req_other");
        MutableHttpRequest<?> call = HttpRequest.GET("/internal/catalog").header(RequestCorrelation.HEADER, "req_own");
        filter.identify(call);
        assertEquals("req_own", call.getHeaders().get(RequestCorrelation.HEADER));
    }

    @Test
    void shouldSendNoIdWhenThereIsNone() {
        MutableHttpRequest<?> call = HttpRequest.GET("/internal/catalog");
        filter.identify(call);
        assertNull(call.getHeaders().get(RequestCorrelation.HEADER));
    }
}
