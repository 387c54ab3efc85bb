package io.mockfactory.kit.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses, on every service and before any other work, a request whose decoded path, query or headers hold text that
 * cannot be stored ({@link StorableText}): 400 naming the part. Bodies are checked where they are read, field by field.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class StorableInputFilter implements Ordered {
    private static final int MAX_NAME_IN_FIELD = 64;

    private final ErrorResponseProcessor<?> errors;

    public StorableInputFilter(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    /** @return null to let the request through, otherwise the 400 to send */
    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseUnstorableText(HttpRequest<?> request) {
        Optional<ProblemException> problem = decodedPath(request.getPath())
                .or(() -> checkAll("query", request.getParameters().asMap()))
                .or(() -> checkAll("header", request.getHeaders().asMap()));
        return problem.<HttpResponse<?>>map(refusal -> errors.processResponse(
                ErrorContext.builder(request).cause(refusal).build(),
                HttpResponse.status(refusal.type().status()))).orElse(null);
    }

    private static Optional<ProblemException> checkAll(String part, Map<String, List<String>> values) {
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            String name = entry.getKey();
            // The field names the parameter only when the name itself is printable and short: it is echoed back
            String field = StorableText.defect(name).isPresent() || name.length() > MAX_NAME_IN_FIELD
                    || !name.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? part : part + "." + name;
            Optional<ProblemException> bad = check(field, name);
            for (String value : entry.getValue()) {
                bad = bad.or(() -> check(field, value));
            }
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    /** The path arrives percent-encoded; what a route's variables will hold is its decoded form. */
    private static Optional<ProblemException> decodedPath(String rawPath) {
        try {
            return check("path", QueryStringDecoder.decodeComponent(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.of(StorableText.refusal("path", "must be validly percent-encoded"));
        }
    }

    private static Optional<ProblemException> check(String field, String value) {
        return StorableText.defect(value).map(reason -> StorableText.refusal(field, reason));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }
}
