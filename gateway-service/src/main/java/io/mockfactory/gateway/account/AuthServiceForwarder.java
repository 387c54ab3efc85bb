package io.mockfactory.gateway.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.gateway.internal.Peers;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Passes a public account request to auth-service unchanged but for the internal token (added by the internal calls'
 * filter), and its answer back. A proxy by nature, so it is the one internal call that is not typed; it goes through
 * the same client, breaker and bulkhead as the typed ones.
 */
@Singleton
public class AuthServiceForwarder {
    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Accept", "Authorization", "X-API-Key",
            "X-Request-Id");

    /** Bodies both ways as bytes, errors included: they are auth-service's own problem+json, passed on as they are. */
    private static final Argument<byte[]> BYTES = Argument.of(byte[].class);

    private final HttpClient authService;
    private final PeerCalls calls;

    public AuthServiceForwarder(@Client(id = Peers.AUTH) HttpClient authService, @Named(Peers.AUTH) PeerCalls calls) {
        this.authService = authService;
        this.calls = calls;
    }

    public MutableHttpResponse<byte[]> forward(HttpRequest<?> request, @Nullable byte[] body) {
        String query = request.getUri().getRawQuery();
        MutableHttpRequest<byte[]> outgoing = HttpRequest.<byte[]>create(request.getMethod(),
                request.getPath() + (query == null ? "" : "?" + query));
        if (body != null && body.length > 0) {
            outgoing.body(body);
        }
        for (String name : FORWARDED_HEADERS) {
            String value = request.getHeaders().get(name);
            if (value != null) {
                outgoing.header(name, value);
            }
        }
        HttpResponse<byte[]> answer = calls.call(() -> {
            try {
                return authService.toBlocking().exchange(outgoing, BYTES, BYTES);
            } catch (HttpClientResponseException refused) {
                if (refused.code() >= 500) {
                    throw refused;
                }
                // auth-service's own answer (401, 409, 422…) goes back to the client as it is
                @SuppressWarnings("unchecked")
                HttpResponse<byte[]> own = (HttpResponse<byte[]>) refused.getResponse();
                return own;
            }
        });
        MutableHttpResponse<byte[]> response = HttpResponse.status(HttpStatus.valueOf(answer.code()));
        answer.getContentType().ifPresent(response::contentType);
        byte[] content = answer.getBody(byte[].class).orElse(null);
        return content == null || content.length == 0 ? response : response.body(content);
    }
}
