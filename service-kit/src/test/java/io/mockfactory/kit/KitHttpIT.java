package io.mockfactory.kit;

import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP edge every service shares: health, request ids, problem+json for every error, metrics. */
class KitHttpIT {
    private static KitHarness service;
    private static String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        service = new KitHarness(Map.of("micronaut.server.port", "-1"));
        EmbeddedServer server = service.context.getBean(EmbeddedServer.class);
        server.start();
        baseUrl = "http://localhost:" + server.getPort();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void shouldReportHealthyWithEachCheck() throws Exception {
        HttpResponse<String> response = get("/health", Map.of());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"status\":\"healthy\""), response.body());
        assertTrue(response.body().contains("\"database\":\"up\""), response.body());
        assertTrue(response.body().contains("\"kafka\":\"up\""), response.body());
    }

    @Test
    void shouldReportUnhealthyWhileKafkaIsDown() throws Exception {
        service.infra.kafka().stop();
        try {
            HttpResponse<String> response = get("/health", Map.of());
            assertEquals(503, response.statusCode());
            assertTrue(response.body().contains("\"status\":\"unhealthy\""), response.body());
            assertTrue(response.body().contains("\"kafka\":\"down"), response.body());
        } finally {
            service.infra.kafka().start();
        }
    }

    @Test
    void shouldEchoAClientRequestIdAndInventOneOtherwise() throws Exception {
        assertEquals("abc-123", get("/health", Map.of("X-Request-Id", "abc-123")).headers().firstValue("X-Request-Id").orElseThrow());
        String invented = get("/health", Map.of()).headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(invented.startsWith("req_"), invented);
        String unsafe = get("/health", Map.of("X-Request-Id", "has spaces and \"quotes\"")).headers()
                .firstValue("X-Request-Id").orElseThrow();
        assertTrue(unsafe.startsWith("req_"), "an unsafe id is replaced, not echoed: " + unsafe);
    }

    @Test
    void shouldAnswerUnknownRoutesWithProblemJson() throws Exception {
        HttpResponse<String> response = get("/nowhere", Map.of("X-Request-Id", "trace-404"));
        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("\"status\":404"), response.body());
        assertTrue(response.body().contains("\"request_id\":\"trace-404\""), response.body());
        assertEquals("trace-404", response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void shouldListFieldErrorsWith422() throws Exception {
        HttpResponse<String> response = post("/probe/greetings", "{\"name\":\"far too long a name\"}");
        assertEquals(422, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"errors\":[{\"field\":\"name\""), response.body());
        assertTrue(response.body().contains("validation-failed"), response.body());
    }

    @Test
    void shouldAnswerMalformedJsonWith400WithoutQuotingIt() throws Exception {
        HttpResponse<String> response = post("/probe/greetings", "{\"name\": secret-token-xyz");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
        assertFalse(response.body().contains("secret-token-xyz"), response.body());

        HttpResponse<String> unquoted = post("/probe/greetings", "{secret-token-abc");
        assertEquals(400, unquoted.statusCode(), unquoted.body());
        assertFalse(unquoted.body().contains("secret") || unquoted.body().contains("Source"), unquoted.body());
    }

    @Test
    void shouldUseTheThrownProblemsStatusAndDetail() throws Exception {
        HttpResponse<String> response = get("/probe/conflict", Map.of());
        assertEquals(409, response.statusCode());
        assertTrue(response.body().contains("That name is taken"), response.body());
    }

    @Test
    void shouldNeverLeakAnInternalErrorsMessage() throws Exception {
        HttpResponse<String> response = get("/probe/crash", Map.of());
        assertEquals(500, response.statusCode());
        assertFalse(response.body().contains("hunter2"), response.body());
        assertFalse(response.body().contains("IllegalStateException"), response.body());
    }

    @Test
    void shouldAnswer400WhenTheDatabaseRefusesAValueAsData() throws Exception {
        HttpResponse<String> response = post("/probe/notes", "{\"text\":\"a\\u0000b\"}");
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("malformed-request"), response.body());
        assertEquals(200, post("/probe/notes", "{\"text\":\"fine\"}").statusCode());
    }

    @Test
    void shouldAnswer503WhileTheDatabaseIsUnavailable() throws Exception {
        assertEquals(503, get("/probe/database-down", Map.of()).statusCode());
    }

    @Test
    void shouldRefuseUnstorableTextInThePathQueryAndHeadersNamingThePart() throws Exception {
        HttpResponse<String> path = get("/probe/a%00b", Map.of());
        assertEquals(400, path.statusCode(), path.body());
        assertTrue(path.body().contains("\"field\":\"path\""), path.body());
        HttpResponse<String> query = get("/probe/conflict?cursor=%00", Map.of());
        assertEquals(400, query.statusCode(), query.body());
        assertTrue(query.body().contains("\"field\":\"query.cursor\""), query.body());
        assertEquals(400, get("/probe/conflict?%00=1", Map.of()).statusCode());
        assertEquals("HTTP/1.1 400 Bad Request", rawStatusLine("GET /probe/a%zzb HTTP/1.1"));
    }

    @Test
    void shouldAnswer414And431AsProblems() throws Exception {
        HttpResponse<String> longLine = get("/probe/" + "a".repeat(5000), Map.of());
        assertEquals(414, longLine.statusCode(), longLine.body());
        assertTrue(longLine.body().contains("uri-too-long"), longLine.body());
        assertFalse(longLine.body().contains("/bad-request"), longLine.body());
        HttpResponse<String> bigHeaders = get("/probe/conflict", Map.of("X-Padding", "p".repeat(10_000)));
        assertEquals(431, bigHeaders.statusCode(), bigHeaders.body());
        assertTrue(bigHeaders.body().contains("headers-too-large"), bigHeaders.body());
    }

    @Test
    void shouldServePrometheusMetrics() throws Exception {
        HttpResponse<String> response = get("/metrics", Map.of());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("jvm_memory_used_bytes"), response.body().lines().limit(5).toList().toString());
    }

    /** For request lines no HTTP client would send. */
    private static String rawStatusLine(String requestLine) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", URI.create(baseUrl).getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
        }
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
