package io.mockfactory.client.http;

import com.sun.net.httpserver.HttpServer;
import io.mockfactory.client.error.MockFactoryException;
import io.mockfactory.client.error.QuotaExceededException;
import io.mockfactory.client.error.RateLimitedException;
import io.mockfactory.client.error.UnavailableException;
import io.mockfactory.client.error.ValidationException;
import io.mockfactory.client.http.ApiTransport.Repeatable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The transport's retry and error rules, against a local HTTP server that answers a scripted sequence (the real
 * gateway's 429 and 503 are exercised in e2e-tests; here the sequences that are hard to provoke there: a 503 that
 * clears, a Retry-After to honour).
 */
class ApiTransportTest {
    private static final String PROBLEM = "{\"type\":\"https://mockfactory.dev/problems/%s\",\"title\":\"%s\",\"status\":%d,"
            + "\"detail\":\"%s\",\"errors\":[{\"field\":\"services.redis.version\",\"message\":\"must be one of 7\"}]}";

    private final Deque<int[]> script = new ArrayDeque<>();
    private final List<Long> arrivals = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private HttpServer server;

    private ApiTransport transport(Duration deadline) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            synchronized (this) {
                arrivals.add(System.nanoTime());
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            int[] next = script.isEmpty() ? new int[] {200, 0} : script.poll();
            String slug = next[0] == 429 ? "rate-limited" : next[0] == 403 ? "quota-exceeded" : next[0] == 422 ? "validation-failed" : "service-unavailable";
            byte[] body = (next[0] == 200 ? "{\"ok\":true}" : String.format(PROBLEM, slug, "Title", next[0], "Detail")).getBytes(StandardCharsets.UTF_8);
            if (next[1] > 0) {
                exchange.getResponseHeaders().add("Retry-After", String.valueOf(next[1]));
            }
            exchange.getResponseHeaders().add("X-Request-Id", "req_test");
            exchange.sendResponseHeaders(next[0], body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new ApiTransport(ClientSettings.of("http://127.0.0.1:" + server.getAddress().getPort(), "mf_secret-key", deadline));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldRetryAServiceUnavailableUntilItClears() throws Exception {
        ApiTransport transport = transport(Duration.ofSeconds(10));
        script.add(new int[] {503, 0});
        script.add(new int[] {503, 0});
        assertTrue(transport.get("/api/v1/environments").path("ok").asBoolean());
        assertEquals(3, arrivals.size());
        assertEquals("Bearer mf_secret-key", authorizations.get(0));
    }

    @Test
    void shouldWaitWhatRetryAfterSaysBeforeTryingAgain() throws Exception {
        ApiTransport transport = transport(Duration.ofSeconds(10));
        script.add(new int[] {429, 1});
        transport.get("/api/v1/environments");
        assertEquals(2, arrivals.size());
        long gapMillis = (arrivals.get(1) - arrivals.get(0)) / 1_000_000;
        assertTrue(gapMillis >= 950, "the retry came " + gapMillis + " ms later; Retry-After said 1 s");
    }

    @Test
    void shouldGiveUpWithATypedErrorOnceTheDeadlineIsNear() throws Exception {
        ApiTransport transport = transport(Duration.ofMillis(500));
        script.add(new int[] {429, 30});
        RateLimitedException limited = assertThrows(RateLimitedException.class, () -> transport.get("/x"));
        assertEquals(Duration.ofSeconds(30), limited.retryAfter());
        assertEquals(1, arrivals.size(), "no retry it could not wait for");
        assertEquals("req_test", limited.requestId());
    }

    @Test
    void shouldNotRepeatAWriteThatMayHaveRunOnA503() throws Exception {
        ApiTransport transport = transport(Duration.ofSeconds(10));
        script.add(new int[] {503, 0});
        assertThrows(UnavailableException.class,
                () -> transport.send("POST", "/api/v1/api-keys", Map.of("name", "k"), Map.of(), Repeatable.ONLY_IF_REFUSED));
        assertEquals(1, arrivals.size());
    }

    @Test
    void shouldTypeTheErrorsAndKeepSecretsOutOfTheirMessages() throws Exception {
        ApiTransport transport = transport(Duration.ZERO);
        script.add(new int[] {422, 0});
        script.add(new int[] {403, 0});
        ValidationException invalid = assertThrows(ValidationException.class, () -> transport.get("/x"));
        assertEquals("must be one of 7", invalid.byField().get("services.redis.version"));
        MockFactoryException quota = assertThrows(QuotaExceededException.class, () -> transport.get("/x"));
        for (MockFactoryException error : List.of(invalid, quota)) {
            assertFalse(error.getMessage().contains("mf_secret-key"), error.getMessage());
        }
    }

    @Test
    void shouldFailQuicklyAndClearlyWhenNothingListens() {
        ApiTransport transport = new ApiTransport(ClientSettings.of("http://127.0.0.1:1", "mf_secret-key", Duration.ofSeconds(60)));
        UnavailableException down = assertThrows(UnavailableException.class, () -> transport.get("/x"));
        assertTrue(down.getMessage().contains("not reachable") && !down.getMessage().contains("mf_secret-key"), down.getMessage());
    }

    @Test
    void shouldResolveSettingsFromArgumentsThenPropertiesThenTheEnvironment() {
        ClientSettings fromEnvironment = ClientSettings.resolve(null, null,
                Map.of("MOCKFACTORY_URL", "http://mf.example:8080/", "MOCKFACTORY_API_KEY", "mf_env"));
        assertEquals("http://mf.example:8080", fromEnvironment.baseUrl().toString());
        assertEquals("mf_env", fromEnvironment.credential());
        assertFalse(fromEnvironment.toString().contains("mf_env"), "the key never shows");
        assertEquals("mf_arg", ClientSettings.resolve("http://x", "mf_arg", Map.of("MOCKFACTORY_API_KEY", "mf_env")).credential());
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.of("localhost:8080", null, Duration.ZERO));
    }
}
