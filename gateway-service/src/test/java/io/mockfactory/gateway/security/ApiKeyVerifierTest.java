package io.mockfactory.gateway.security;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import io.mockfactory.gateway.FakeTime;
import io.mockfactory.gateway.internal.InternalServiceClient;
import io.mockfactory.kit.internal.InternalToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real HTTP server standing in for auth-service's verify route, counting what it is asked. */
class ApiKeyVerifierTest {
    private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));
    private final AtomicInteger asked = new AtomicInteger();
    private HttpServer authService;
    private ApiKeyVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        authService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        authService.createContext("/internal/api-keys/verify", exchange -> {
            asked.incrementAndGet();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int key = Integer.parseInt(body.replaceAll("\\D", "").isEmpty() ? "0" : body.replaceAll("\\D", ""));
            byte[] answer = ("{\"key_id\":\"key_" + key + "\",\"user_id\":\"usr_1\",\"tier\":\"beginner\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        authService.start();
        AuthServiceSettings settings = new AuthServiceSettings();
        settings.setApiKeyCacheTtl(Duration.ofSeconds(60));
        verifier = new ApiKeyVerifier(new InternalServiceClient("auth-service", "http://127.0.0.1:"
                + authService.getAddress().getPort(), new InternalToken("t"), Duration.ofSeconds(2), "down", 16),
                JsonMapper.createDefault(), settings, 10, time);
    }

    @AfterEach
    void stop() {
        authService.stop(0);
    }

    @Test
    void shouldAskOnceWithinTheTtlAndAgainAfterIt() {
        verifier.verify("mf_1");
        verifier.verify("mf_1");
        assertEquals(1, asked.get());
        time.advance(Duration.ofSeconds(61));
        verifier.verify("mf_1");
        assertEquals(2, asked.get());
    }

    @Test
    void shouldAskAgainAfterARevocationEvictedTheKey() {
        verifier.verify("mf_7");
        verifier.evict("key_7");
        verifier.verify("mf_7");
        assertEquals(2, asked.get());
    }

    @Test
    void shouldStayWithinItsBound() {
        for (int i = 0; i < 50; i++) {
            verifier.verify("mf_" + i);
        }
        assertTrue(verifier.size() <= 10, "entries: " + verifier.size());
    }
}
