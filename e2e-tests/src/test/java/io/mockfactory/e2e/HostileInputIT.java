package io.mockfactory.e2e;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mockfactory.gateway.internal.PeerCalls;
import io.mockfactory.localstack.ServiceProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reproductions of the hostile-input probe, each answered with a clear 4xx while another tenant, at the same
 * moment, is served as usual and no circuit breaker of the gateway opens.
 */
class HostileInputIT extends OnLifecycleStack {
    private static Tenant attacker;
    private static Tenant bystander;

    @BeforeAll
    static void tenants() throws Exception {
        attacker = Tenant.register(baseUrl, "attacker");
        bystander = Tenant.register(baseUrl, "bystander");
    }

    private HttpResponse<String> as(Tenant tenant, String method, String path, String json) throws Exception {
        return Tenant.send(baseUrl, method, path, tenant == null ? null : tenant.bearer(), json);
    }

    /** Login has its own limit of a few a minute per account: only the login reproduction checks it. */
    private void assertBystanderServedAndBreakersClosed() throws Exception {
        bystander.assertServedWithoutLogin(baseUrl);
        assertBreakersClosed();
    }

    private void assertBreakersClosed() {
        for (PeerCalls client : stack.gatewayBeans(PeerCalls.class)) {
            assertEquals(CircuitBreaker.State.CLOSED, client.breakerState(), client.name());
        }
    }

    private static void assertProblem(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    @Test
    void shouldRefuseANulInTheLoginEmailWithoutTakingAuthenticationDown() throws Exception {
        for (int i = 0; i < 15; i++) {
            HttpResponse<String> login = as(null, "POST", "/api/v1/auth/login", "{\"email\":\"a\\u0000@b.co\",\"password\":\"x\"}");
            assertProblem(400, login);
            assertTrue(login.body().contains("\"field\":\"email\""), login.body());
        }
        bystander.assertServed(baseUrl);
        assertBreakersClosed();
    }

    @Test
    void shouldRefuseANulCursorWithoutTakingEnvironmentsDown() throws Exception {
        for (int i = 0; i < 15; i++) {
            assertProblem(400, as(attacker, "GET", "/api/v1/environments?cursor=%00", null));
        }
        assertProblem(400, as(attacker, "GET", "/api/v1/api-keys?cursor=%00", null));
        assertProblem(422, as(attacker, "GET", "/api/v1/environments?cursor=env_nope", null));
        assertProblem(422, as(attacker, "GET", "/api/v1/api-keys?cursor=" + "k".repeat(200), null));
        assertBystanderServedAndBreakersClosed();
    }

    @Test
    void shouldRefuseNulInPathVariablesAndBodies() throws Exception {
        for (String method : new String[]{"GET", "DELETE"}) {
            assertProblem(400, as(attacker, method, "/api/v1/environments/env_%00", null));
        }
        assertProblem(400, as(attacker, "GET", "/api/v1/environments/env_%00/credentials", null));
        assertProblem(400, as(attacker, "POST", "/api/v1/environments/env_%00/stop", null));
        assertProblem(400, as(attacker, "GET", "/api/v1/environments/%00", null));
        assertProblem(400, as(attacker, "DELETE", "/api/v1/api-keys/key_%00", null));
        assertProblem(400, as(attacker, "POST", "/api/v1/api-keys", "{\"name\":\"k\\u0000\"}"));
        assertProblem(400, as(null, "POST", "/api/v1/auth/register", "{\"email\":\"nul@example.com\",\"password\":\""
                + PASSWORD + "\",\"full_name\":\"a\\u0000b\"}"));
        assertProblem(404, as(attacker, "GET", "/api/v1/environments/env_tooShort", null));
        assertProblem(404, as(attacker, "DELETE", "/api/v1/api-keys/key_tooShort", null));
        assertBystanderServedAndBreakersClosed();
    }

    @Test
    void shouldTakeJsonTypesStrictlyAndTheTtlByItsDocumentedName() throws Exception {
        assertProblem(422, as(attacker, "POST", "/api/v1/environments", "{\"name\":123,\"services\":{\"aws_s3\":{}}}"));
        assertProblem(422, as(attacker, "POST", "/api/v1/environments", "{\"name\":\"t\",\"ttl_minutes\":true,\"services\":{\"aws_s3\":{}}}"));
        assertProblem(422, as(attacker, "POST", "/api/v1/environments", "{\"name\":\"t\",\"ttl_minutes\":1.5,\"services\":{\"aws_s3\":{}}}"));
        HttpResponse<String> created = as(attacker, "POST", "/api/v1/environments",
                "{\"name\":\"ttl\",\"ttl_minutes\":30,\"services\":{\"aws_s3\":{}}}");
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(created.body().contains("\"expires_at\":null"), created.body());
        destroy(Json.field(created.body(), "id"), attacker.bearer());
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedForAnotherRequest() throws Exception {
        String key = "reuse-" + System.nanoTime();
        HttpRequest.Builder first = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments"))
                .header("Idempotency-Key", key);
        HttpResponse<String> created = send(first, "{\"name\":\"first\",\"services\":{\"aws_s3\":{}}}", attacker.bearer());
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> replayed = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments"))
                .header("Idempotency-Key", key), "{ \"services\": {\"aws_s3\":{}}, \"name\": \"first\" }", attacker.bearer());
        assertEquals(Json.field(created.body(), "id"), Json.field(replayed.body(), "id"), "the same request replays");
        HttpResponse<String> reused = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments"))
                .header("Idempotency-Key", key), "{\"name\":\"second\",\"services\":{\"aws_s3\":{}}}", attacker.bearer());
        assertProblem(422, reused);
        assertTrue(reused.body().contains("idempotency-key-reused"), reused.body());
        destroy(Json.field(created.body(), "id"), attacker.bearer());
    }

    @Test
    void shouldAnswer414And431ForOversizedRequestLinesAndHeaders() throws Exception {
        assertProblem(414, as(attacker, "GET", "/api/v1/environments/" + "a".repeat(5000), null));
        assertProblem(414, as(attacker, "GET", "/api/v1/environments?cursor=" + "c".repeat(5000), null));
        HttpResponse<String> bigHeader = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/environments"))
                .header("Authorization", attacker.bearer()).header("X-Padding", "p".repeat(10_000)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(431, bigHeader);
        assertProblem(431, Tenant.send(baseUrl, "GET", "/api/v1/auth/me", "Bearer " + "t".repeat(9000), null));
        assertFalse(bigHeader.body().contains("/bad-request"), bigHeader.body());
        assertBystanderServedAndBreakersClosed();
    }

    @Test
    void shouldServeInternalMetricsOnlyWithTheInternalToken() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (ServiceProcess service : stack.services) {
            URI metrics = URI.create(service.baseUrl() + "/metrics");
            assertEquals(401, client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode(), service.name());
            assertEquals(200, client.send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer " + stack.internalToken)
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode(), service.name());
        }
    }

    /**
     * The instance's directory is found by what its server serves (the port in its redis.conf): a Redis leased from the
     * warm pool keeps the pool server's directory, an environment's own start has one named after the environment.
     */
    @Test
    void shouldRemoveTheInstanceDirectoryOnDestroy() throws Exception {
        String created = createRunning(attacker.bearer(), "{\"name\":\"dir\",\"services\":{\"redis\":{}}}");
        String id = Json.field(created, "id");
        String port = Json.number(created, "port");
        Path instance;
        try (var configs = Files.walk(stateDir.resolve("instances"), 3)) {
            instance = configs.filter(path -> path.getFileName().toString().equals("redis.conf"))
                    .filter(config -> {
                        try {
                            return Files.readAllLines(config).contains("port " + port);
                        } catch (Exception unreadable) {
                            return false;
                        }
                    }).map(Path::getParent).findFirst().orElse(null);
        }
        assertNotEquals(null, instance, "the instance has a directory");
        destroy(id, attacker.bearer());
        assertFalse(Files.exists(instance), "its directory is gone: " + instance);
        try (var dirs = Files.walk(stateDir, 3)) {
            Path left = dirs.filter(path -> path.getFileName().toString().equals(id)).findFirst().orElse(null);
            assertEquals(null, left, "nothing of the environment is left on disk");
        }
        assertNotEquals(0, Files.list(stateDir).count());
    }
}
