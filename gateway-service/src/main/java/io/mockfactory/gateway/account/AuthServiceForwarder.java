package io.mockfactory.gateway.account;

import io.mockfactory.gateway.internal.InternalServiceClient;
import io.mockfactory.gateway.internal.InternalServiceClients;
import jakarta.inject.Named;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.List;

/** Passes a public request to auth-service unchanged but for the internal token, and its answer back. */
@Singleton
public class AuthServiceForwarder {
    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Accept", "Authorization", "X-API-Key",
            "X-Request-Id");

    private final InternalServiceClient authService;

    public AuthServiceForwarder(@Named(InternalServiceClients.AUTH) InternalServiceClient authService) {
        this.authService = authService;
    }

    public MutableHttpResponse<byte[]> forward(HttpRequest<?> request, @Nullable byte[] body) {
        String query = request.getUri().getRawQuery();
        var outgoing = authService.request(request.getPath() + (query == null ? "" : "?" + query))
                .method(request.getMethodName(), body == null || body.length == 0
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : FORWARDED_HEADERS) {
            String value = request.getHeaders().get(name);
            if (value != null) {
                outgoing.header(name, value);
            }
        }
        if (request.getHeaders().get("X-Request-Id") == null) {
            request.getAttribute("mockfactory.correlation-id", String.class).ifPresent(id -> outgoing.header("X-Request-Id", id));
        }
        var answer = authService.send(outgoing);
        MutableHttpResponse<byte[]> response = HttpResponse.status(HttpStatus.valueOf(answer.statusCode()));
        answer.headers().firstValue("Content-Type").ifPresent(type -> response.contentType(MediaType.of(type)));
        return answer.body().length == 0 ? response : response.body(answer.body());
    }
}
