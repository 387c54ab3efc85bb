package io.mockfactory.kit.web;

import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.util.Optional;

/**
 * The correlation id of the work in progress: the HTTP request's {@code X-Request-Id}, or on a consumer thread the
 * one carried by the message being handled. It travels HTTP header, outbox row, Kafka header, log MDC.
 */
@Singleton
public class RequestCorrelation {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "correlation_id";
    public static final String ATTRIBUTE = "mockfactory.correlation-id";

    public Optional<String> current() {
        Optional<String> fromRequest = ServerRequestContext.currentRequest()
                .flatMap(request -> request.getAttribute(ATTRIBUTE, String.class));
        return fromRequest.isPresent() ? fromRequest : Optional.ofNullable(MDC.get(MDC_KEY));
    }
}
