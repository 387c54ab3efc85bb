package io.mockfactory.e2e;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.mockfactory.events.EventIds;
import io.mockfactory.localstack.FreePorts;
import io.mockfactory.localstack.ServiceProcess;
import io.mockfactory.localstack.SharedInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public security edge: gateway in this JVM, auth-service as its own process, revocations through Kafka. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewaySecurityIT {
    private static final String PASSWORD = "correct-Horse-battery-9";
    private static final int TIER_LIMIT = 40;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ServiceProcess authService;
    private static ApplicationContext gateway;
    private static String baseUrl;
    private static Map<String, Object> gatewayProperties;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        OnLifecycleStack.closeSharedStack();
        SharedInfrastructure infra = SharedInfrastructure.get();

        Path secrets = Files.createTempDirectory("mockfactory-secrets");
        Map<String, String> env = ServiceSettings.on(infra);
        String internalToken = ServiceSettings.withInternalToken(env, secrets);
        env.put("MOCKFACTORY_OUTBOX_POLL_INTERVAL", "500ms");
        authService = ServiceProcess.start("auth-service", ServiceJars.of("auth-service"), FreePorts.pick(), env,
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), secrets.resolve("auth-service.log"));
        authService.awaitHealthy(Duration.ofSeconds(90));

        Map<String, Object> props = new HashMap<>(infra.serviceProperties("gateway"));
        props.put("micronaut.server.port", "-1");
        props.put("mockfactory.services.auth.url", authService.baseUrl());
        props.put("mockfactory.internal.token", internalToken);
        props.put("mockfactory.tiers.beginner.requests-per-minute", String.valueOf(TIER_LIMIT));
        props.put("mockfactory.gateway.rate-limit.auth-per-client-per-minute", "1000");
        gatewayProperties = Map.copyOf(props);
        gateway = ApplicationContext.builder().properties(props).start();
        EmbeddedServer server = gateway.getBean(EmbeddedServer.class).start();
        baseUrl = "http://localhost:" + server.getPort();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (authService != null) {
            authService.stop(Duration.ofSeconds(10));
        }
    }

    /**
     * Right after a gateway starts it has no keys yet: every request of a concurrent burst must wait for the one JWKS
     * fetch in flight rather than be refused (3 of 200 once got a 401).
     */
    @Test
    @Order(0)
    void shouldAcceptEveryValidTokenOfABurstAtAFreshGateway() throws Exception {
        HttpResponse<String> registered = post("/api/v1/auth/register", "{\"email\":\"burst-" + System.nanoTime()
                + "@example.com\",\"password\":\"" + PASSWORD + "\",\"full_name\":\"Burst\"}");
        String bearer = "Bearer " + Json.field(registered.body(), "access_token");
        Map<String, Object> roomy = new HashMap<>(gatewayProperties);
        // Room for the whole burst under the tier's rate and the per-caller bulkhead: only authentication is tested
        roomy.put("mockfactory.tiers.beginner.requests-per-minute", "100000");
        roomy.put("mockfactory.gateway.auth.calls-per-caller", "256");
        try (ApplicationContext fresh = ApplicationContext.builder().properties(roomy).start()) {
            String freshUrl = "http://localhost:" + fresh.getBean(EmbeddedServer.class).start().getPort();
            HttpClient client = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(64)).build();
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> burst = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                burst.add(client.sendAsync(HttpRequest.newBuilder(URI.create(freshUrl + "/api/v1/auth/me"))
                        .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString()));
            }
            Map<Integer, Long> statuses = burst.stream().map(java.util.concurrent.CompletableFuture::join)
                    .collect(java.util.stream.Collectors.groupingBy(HttpResponse::statusCode, java.util.stream.Collectors.counting()));
            assertEquals(Map.of(200, 200L), statuses, "every valid token of the burst is accepted");
        }
    }

    @Test
    @Order(1)
    void shouldRegisterAndAuthenticateThroughTheGateway() throws Exception {
        HttpResponse<String> registered = register(uniqueEmail());
        assertEquals(201, registered.statusCode(), registered.body());
        assertTrue(registered.headers().firstValue("X-Request-Id").isPresent());
        assertTrue(registered.headers().firstValue("RateLimit-Limit").isPresent(), "session endpoints are limited too");
        assertEquals("nosniff", registered.headers().firstValue("X-Content-Type-Options").orElseThrow());

        HttpResponse<String> me = get("/api/v1/auth/me", "Authorization", "Bearer " + Json.field(registered.body(), "access_token"));
        assertEquals(200, me.statusCode(), me.body());
        assertEquals(Json.field(registered.body(), "id"), Json.field(me.body(), "id"));
        assertTrue(me.headers().firstValue("RateLimit-Remaining").isPresent());
    }

    @Test
    @Order(2)
    void shouldRefuseMissingAndForgedCredentials() throws Exception {
        HttpResponse<String> none = get("/api/v1/account/limits");
        assertEquals(401, none.statusCode());
        assertEquals("application/problem+json", none.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));

        String token = Json.field(register(uniqueEmail()).body(), "access_token");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"beginner\"", "\"enterprise\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(401, get("/api/v1/account/limits", "Authorization", "Bearer " + forged).statusCode());
        assertEquals(401, get("/api/v1/account/limits", "Authorization", "Bearer not.a.jwt").statusCode());
        assertEquals(401, get("/api/v1/account/limits", "X-API-Key", "mf_made_up_key_0000000000000").statusCode());
        assertEquals(200, get("/api/v1/account/limits", "Authorization", "Bearer " + token).statusCode());
    }

    @Test
    @Order(3)
    void shouldStopAcceptingARevokedApiKeyWithinSeconds() throws Exception {
        String token = Json.field(register(uniqueEmail()).body(), "access_token");
        HttpResponse<String> created = post("/api/v1/api-keys", "{\"name\":\"ci\"}", "Authorization", "Bearer " + token);
        assertEquals(201, created.statusCode(), created.body());
        String key = Json.field(created.body(), "key");
        assertEquals(200, get("/api/v1/account/limits", "X-API-Key", key).statusCode(), "and now the key is cached");

        HttpResponse<String> revoked = delete("/api/v1/api-keys/" + Json.field(created.body(), "id"), "Authorization", "Bearer " + token);
        assertEquals(204, revoked.statusCode(), revoked.body());

        Eventually.await("the revoked key to be refused", WAIT,
                () -> get("/api/v1/account/limits", "X-API-Key", key).statusCode() == 401);
    }

    @Test
    @Order(4)
    void shouldStopAcceptingALoggedOutAccessTokenWithinSeconds() throws Exception {
        HttpResponse<String> registered = register(uniqueEmail());
        String token = Json.field(registered.body(), "access_token");
        assertEquals(200, get("/api/v1/account/limits", "Authorization", "Bearer " + token).statusCode());

        HttpResponse<String> logout = post("/api/v1/auth/logout",
                "{\"refresh_token\":\"" + Json.field(registered.body(), "refresh_token") + "\"}", "Authorization", "Bearer " + token);
        assertEquals(204, logout.statusCode(), logout.body());

        // The gateway verifies JWTs itself, so only the AccessTokenRevoked event can make it refuse this one
        Eventually.await("the logged-out token to be refused by the gateway", WAIT,
                () -> get("/api/v1/account/limits", "Authorization", "Bearer " + token).statusCode() == 401);
    }

    @Test
    @Order(5)
    void shouldLimitRequestsByTier() throws Exception {
        String auth = "Bearer " + Json.field(register(uniqueEmail()).body(), "access_token");
        awaitFreshWindow(auth);
        HttpResponse<String> last = null;
        for (int i = 0; i < TIER_LIMIT; i++) {
            last = get("/api/v1/account/limits", "Authorization", auth);
            if (last.statusCode() == 429) {
                break;
            }
        }
        HttpResponse<String> over = get("/api/v1/account/limits", "Authorization", auth);
        assertEquals(429, over.statusCode(), over.body());
        assertEquals("0", over.headers().firstValue("RateLimit-Remaining").orElseThrow());
        assertEquals(String.valueOf(TIER_LIMIT), over.headers().firstValue("RateLimit-Limit").orElseThrow());
        assertTrue(Integer.parseInt(over.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertTrue(over.body().contains("rate-limited"), over.body());
    }

    @Test
    @Order(6)
    void shouldLimitLoginAttemptsPerAccount() throws Exception {
        String email = uniqueEmail();
        register(email);
        awaitFreshMinute();
        int firstRefusal = -1;
        for (int attempt = 1; attempt <= 8 && firstRefusal < 0; attempt++) {
            HttpResponse<String> login = post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"wrong-password-123\"}");
            if (login.statusCode() == 429) {
                firstRefusal = attempt;
                assertTrue(login.headers().firstValue("Retry-After").isPresent());
            } else {
                assertEquals(401, login.statusCode(), login.body());
            }
        }
        assertTrue(firstRefusal > 0 && firstRefusal <= 6, "refused by the 6th attempt (5 a minute), was " + firstRefusal);
    }

    @Test
    @Order(7)
    void shouldFailClosedWhileAuthServiceIsDown() throws Exception {
        String token = Json.field(register(uniqueEmail()).body(), "access_token");
        String key = Json.field(post("/api/v1/api-keys", "{\"name\":\"outage\"}", "Authorization", "Bearer " + token).body(), "key");
        authService.stop(Duration.ofSeconds(10));

        HttpResponse<String> withKey = get("/api/v1/auth/me", "X-API-Key", key + "x");
        assertEquals(503, withKey.statusCode(), "an API key that cannot be checked is refused: " + withKey.body());
        assertEquals(200, get("/api/v1/account/limits", "Authorization", "Bearer " + token).statusCode(),
                "JWTs are verified with cached keys and keep working");
    }

    /** The limiter's windows are wall-clock minutes: start well before the next boundary so it cannot reset mid-test. */
    private static void awaitFreshMinute() throws InterruptedException {
        long intoMinute = System.currentTimeMillis() % 60_000;
        if (intoMinute > 45_000) {
            Thread.sleep(60_000 - intoMinute + 500);
        }
    }

    /** Starts the count at the beginning of a rate window, so a minute boundary cannot reset it mid-test. */
    private void awaitFreshWindow(String auth) throws Exception {
        long reset = Long.parseLong(get("/api/v1/account/limits", "Authorization", auth).headers()
                .firstValue("RateLimit-Reset").orElseThrow());
        if (reset < 20) {
            Thread.sleep((reset + 1) * 1000);
        }
    }

    private HttpResponse<String> register(String email) throws Exception {
        return post("/api/v1/auth/register", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"full_name\":\"Grace Hopper\"}");
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), headers);
    }

    private HttpResponse<String> delete(String path, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), headers);
    }

    private HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) throws Exception {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String uniqueEmail() {
        return "gw-" + EventIds.newId("e").substring(2, 12).toLowerCase() + "@example.com";
    }
}
