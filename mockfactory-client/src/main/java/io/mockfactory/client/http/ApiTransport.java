package io.mockfactory.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mockfactory.client.error.MockFactoryException;
import io.mockfactory.client.error.Problems;
import io.mockfactory.client.error.RateLimitedException;
import io.mockfactory.client.error.UnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One place where requests leave: the credential on every call, JSON in and out, error answers turned into typed
 * exceptions, and 429/502/503/504 (and, for calls that are safe to repeat, no connection) retried with backoff
 * until the settings' deadline. A 429 waits what {@code Retry-After} says.
 */
public final class ApiTransport {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);
    /** No connection at all is retried only this long: a wrong URL should fail a test run at once, not in a minute. */
    private static final Duration UNREACHABLE_RETRIES = Duration.ofSeconds(5);

    private final ClientSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public ApiTransport(ClientSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public ClientSettings settings() {
        return settings;
    }

    public ObjectMapper json() {
        return json;
    }

    /** Whether a call may be sent again after a lost connection: reads, and writes the server deduplicates. */
    public enum Repeatable { YES, ONLY_IF_REFUSED }

    public JsonNode get(String path) {
        return send("GET", path, null, Map.of(), Repeatable.YES);
    }

    public JsonNode send(String method, String path, Object body, Map<String, String> headers, Repeatable repeatable) {
        Instant deadline = Instant.now().plus(settings.retryDeadline());
        Instant unreachableDeadline = Instant.now().plus(UNREACHABLE_RETRIES);
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            MockFactoryException failure;
            try {
                HttpResponse<String> response = http.send(request(method, path, body, headers),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 300) {
                    return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
                }
                failure = Problems.of(response.statusCode(), response.body(),
                        response.headers().firstValue("X-Request-Id").orElse(null), retryAfter(response));
                if (!retryable(failure.status(), repeatable)) {
                    throw failure;
                }
            } catch (IOException noAnswer) {
                // A refused connection sent nothing, so even a write may be tried again
                if (repeatable != Repeatable.YES && !(noAnswer instanceof java.net.ConnectException)) {
                    throw new UnavailableException("MockFactory at " + settings.baseUrl() + " did not answer: "
                            + noAnswer.getClass().getSimpleName(), noAnswer);
                }
                failure = new UnavailableException("MockFactory at " + settings.baseUrl() + " is not reachable ("
                        + noAnswer.getClass().getSimpleName() + "); is it running, and is the URL right?", noAnswer);
                if (Instant.now().isAfter(unreachableDeadline)) {
                    throw failure;
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("Interrupted while calling MockFactory", interrupted);
            }
            Duration wait = failure instanceof RateLimitedException && !((RateLimitedException) failure).retryAfter().isZero()
                    ? ((RateLimitedException) failure).retryAfter() : backoff;
            if (Instant.now().plus(wait).isAfter(deadline)) {
                throw failure;
            }
            sleep(wait);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** An SSE stream (or any streamed body) of a GET; the caller closes it. */
    public InputStream stream(String path, String accept) throws IOException, InterruptedException {
        HttpRequest request = authorized(HttpRequest.newBuilder(uri(path)).header("Accept", accept)).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 300) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            throw Problems.of(response.statusCode(), body, response.headers().firstValue("X-Request-Id").orElse(null),
                    retryAfter(response));
        }
        return response.body();
    }

    private static boolean retryable(int status, Repeatable repeatable) {
        // A 429 was refused before anything ran; 502-504 may have run, so only what the server deduplicates repeats
        return status == 429 || (repeatable == Repeatable.YES && (status == 502 || status == 503 || status == 504));
    }

    private HttpRequest request(String method, String path, Object body, Map<String, String> headers) throws IOException {
        // An upload's body is sent within the call's time: a large file on a slow link needs far more than a call
        HttpRequest.Builder builder = authorized(HttpRequest.newBuilder(uri(path)))
                .timeout(body instanceof java.nio.file.Path ? UPLOAD_TIMEOUT : CALL_TIMEOUT)
                .header("Accept", "application/json");
        headers.forEach(builder::header);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else if (body instanceof java.nio.file.Path) {
            // A file goes as it is, streamed with its length (an upload)
            builder.header("Content-Type", "application/octet-stream")
                    .method(method, HttpRequest.BodyPublishers.ofFile((java.nio.file.Path) body));
        } else {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        return builder.build();
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder builder) {
        if (settings.hasCredential()) {
            builder.header("Authorization", "Bearer " + settings.credential());
        }
        return builder;
    }

    private URI uri(String path) {
        return URI.create(settings.baseUrl() + path);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        try {
            return Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After").orElse("0").strip()));
        } catch (NumberFormatException dateForm) {
            return Duration.ZERO;
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while waiting to retry", interrupted);
        }
    }
}
