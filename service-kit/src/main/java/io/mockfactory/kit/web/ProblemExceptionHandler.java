package io.mockfactory.kit.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

@Singleton
@Produces
@Requires(classes = {ProblemException.class, ExceptionHandler.class})
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> processor;

    public ProblemExceptionHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ProblemException exception) {
        MutableHttpResponse<?> response = processor.processResponse(ErrorContext.builder(request).cause(exception)
                .errorMessage(exception.getMessage()).build(), HttpResponse.status(exception.type().status()));
        // Every 429 says when to retry; limiters that know better set their own
        if (exception.type() == ProblemType.RATE_LIMITED && !response.getHeaders().contains("Retry-After")) {
            response.header("Retry-After", "1");
        }
        return response;
    }
}
