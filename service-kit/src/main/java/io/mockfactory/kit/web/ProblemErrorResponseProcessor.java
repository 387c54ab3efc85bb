package io.mockfactory.kit.web;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.serde.exceptions.SerdeException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Renders every error response as problem+json, the framework's own (unknown route, bad JSON, validation) included.
 * A 5xx never carries the exception's message, and a body that failed to parse is described without quoting it.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    private static final String NOT_JSON = "The request body is not valid JSON for this endpoint.";

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Optional<Throwable> cause = context.getRootCause();
        Optional<ProblemException> reclassified = RequestFaults.of(context.getRequest(), response.code(),
                context.getRootCause().orElse(null));
        if (reclassified.isPresent()) {
            cause = Optional.of(reclassified.get());
            response.status(reclassified.get().type().status());
        }
        ProblemType type = cause.filter(ProblemException.class::isInstance).map(e -> ((ProblemException) e).type())
                .orElseGet(() -> ProblemType.forStatus(response.code()));
        List<Problem.FieldError> fieldErrors = fieldErrors(context, cause);
        Problem problem = new Problem(type.uri(), type.title(), response.code(), detail(context, cause, type, response.code()),
                RequestFaults.isUnparsed(context.getRequest()) ? null : context.getRequest().getPath(),
                context.getRequest().getAttribute(RequestCorrelation.ATTRIBUTE, String.class).orElse(null),
                fieldErrors.isEmpty() ? null : fieldErrors);
        return response.contentType(MediaType.of(Problem.MEDIA_TYPE)).body(problem);
    }

    private static String detail(ErrorContext context, Optional<Throwable> cause, ProblemType type, int status) {
        if (cause.filter(ProblemException.class::isInstance).isPresent()) {
            return cause.get().getMessage();
        }
        if (status >= 500) {
            return "The server could not complete the request; quote the request id when reporting it.";
        }
        if (cause.filter(e -> e instanceof SerdeException || e instanceof ConversionErrorException
                || e instanceof com.fasterxml.jackson.core.JsonProcessingException).isPresent()) {
            return NOT_JSON;
        }
        if (type == ProblemType.VALIDATION_FAILED) {
            return "One or more fields are invalid; see errors.";
        }
        return context.getErrors().stream().map(Error::getMessage)
                // The framework's own "Invalid JSON: …" quotes the parser, which may quote the body (a token, a secret)
                .map(message -> message.startsWith("Invalid JSON") ? NOT_JSON : message)
                .findFirst().orElse(type.title());
    }

    private static List<Problem.FieldError> fieldErrors(ErrorContext context, Optional<Throwable> cause) {
        if (cause.filter(ProblemException.class::isInstance).isPresent()) {
            return ((ProblemException) cause.get()).errors();
        }
        if (cause.filter(jakarta.validation.ConstraintViolationException.class::isInstance).isEmpty()) {
            return List.of();
        }
        return ((jakarta.validation.ConstraintViolationException) cause.get()).getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(lastSegment(violation.getPropertyPath().toString()),
                        violation.getMessage()))
                .toList();
    }

    private static String lastSegment(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
