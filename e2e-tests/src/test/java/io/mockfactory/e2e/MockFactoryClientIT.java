package io.mockfactory.e2e;

import io.mockfactory.client.MockFactoryClient;
import io.mockfactory.client.credentials.Credentials;
import io.mockfactory.client.credentials.RedisCredentials;
import io.mockfactory.client.environment.Environment;
import io.mockfactory.client.environment.EnvironmentPage;
import io.mockfactory.client.environment.EnvironmentSpec;
import io.mockfactory.client.error.AuthenticationException;
import io.mockfactory.client.error.ConflictException;
import io.mockfactory.client.error.NotFoundException;
import io.mockfactory.client.error.QuotaExceededException;
import io.mockfactory.client.error.RateLimitedException;
import io.mockfactory.client.error.ValidationException;
import io.mockfactory.client.http.ClientSettings;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java client against the real stack: every route it wraps, and the typed errors the API's answers become. */
class MockFactoryClientIT extends OnLifecycleStack {
    private static final Duration WAIT = Duration.ofMinutes(2);

    private MockFactoryClient newClient() throws Exception {
        String jwt = Json.field(register().body(), "access_token");
        return MockFactoryClient.of(baseUrl, MockFactoryClient.of(baseUrl, jwt).apiKeys().create("client-it"));
    }

    @Test
    void shouldLeaseUseAndReturnAnEnvironment() throws Exception {
        MockFactoryClient client = newClient();
        List<String> progress = new CopyOnWriteArrayList<>();
        Environment asked = client.environments().create(EnvironmentSpec.named("client")
                .service("redis", "7").service("postgresql").service("aws_s3").ttlMinutes(30));
        Environment running = client.environments().awaitRunning(asked.id(), WAIT, progress::add);
        assertTrue(running.isRunning(), running.toString());
        assertTrue(running.expiresAt() != null, "the TTL is set");
        // Progress is the lifecycle events from when the client began to follow: which ones depends on timing (a
        // create that is quick leaves none; a slow one may have passed EnvironmentRequested already)
        assertTrue(progress.stream().allMatch(type -> type.startsWith("Environment") || type.startsWith("Service")),
                "only lifecycle events, as they came: " + progress);

        Credentials credentials = client.environments().credentials(running.id());
        RedisCredentials redis = credentials.redis();
        try (Jedis jedis = new Jedis(redis.uri())) {
            assertEquals("PONG", jedis.ping());
        }
        var pg = credentials.postgres("postgresql");
        try (var db = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
            assertTrue(db.isValid(5));
        }
        assertTrue(credentials.s3().endpoint().toString().startsWith("http://localhost:"));
        assertFalse(credentials.toString().contains(redis.password()), "no secret in toString: " + credentials);

        assertEquals("stopped", client.environments().stop(running.id()));
        assertEquals("stopped", client.environments().stop(running.id()), "stopping twice is a no-op");
        assertEquals("running", client.environments().start(running.id()));
        List<String> types = new ArrayList<>();
        client.environments().events(running.id()).forEach(event -> types.add(event.type()));
        assertTrue(types.contains("EnvironmentStopped") && types.contains("ServiceReady"), types.toString());
        assertEquals("destroyed", client.environments().destroy(running.id()));
        assertThrows(ConflictException.class, () -> client.environments().start(running.id()));
    }

    @Test
    void shouldPageThroughEveryEnvironment() throws Exception {
        MockFactoryClient client = newClient();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(client.environments().createAndAwait(EnvironmentSpec.named("page-" + i).service("aws_s3"), WAIT).id());
        }
        EnvironmentPage first = client.environments().page(2, null);
        assertEquals(2, first.items().size());
        EnvironmentPage second = client.environments().page(2, first.nextCursor());
        assertEquals(1, second.items().size());
        assertEquals(null, second.nextCursor());
        List<String> all = new ArrayList<>();
        client.environments().all().forEach(environment -> all.add(environment.id()));
        assertEquals(Set.copyOf(made), Set.copyOf(all));
        assertEquals(made.get(2), all.get(0), "newest first");
        made.forEach(client.environments()::destroy);
    }

    @Test
    void shouldTurnTheApisRefusalsIntoTypedErrors() throws Exception {
        MockFactoryClient client = newClient();
        ValidationException invalid = assertThrows(ValidationException.class, () -> client.environments()
                .create(EnvironmentSpec.named("bad").service("redis", "2")));
        assertTrue(invalid.byField().containsKey("services.redis.version"), invalid.getMessage());
        assertThrows(ValidationException.class, () -> client.environments().create(EnvironmentSpec.named("bad").service("oracle")));
        assertThrows(NotFoundException.class, () -> client.environments().get("env_AAAAAAAAAAAAAAAAAAAAAA"));

        AuthenticationException refused = assertThrows(AuthenticationException.class,
                () -> MockFactoryClient.of(baseUrl, "mf_wrong-key").environments().page(1, null));
        assertFalse(refused.getMessage().contains("mf_wrong-key"), refused.getMessage());

        List<String> ids = new ArrayList<>();
        QuotaExceededException quota = assertThrows(QuotaExceededException.class, () -> {
            for (int i = 0; i < 10; i++) {
                ids.add(client.environments().createAndAwait(EnvironmentSpec.named("q" + i).service("aws_s3"), WAIT).id());
            }
        });
        assertTrue(quota.getMessage().contains("running environments"), quota.getMessage());
        ids.forEach(client.environments()::destroy);

        MockFactoryClient impatient = MockFactoryClient.of(client.settings().withRetryDeadline(Duration.ZERO));
        RateLimitedException limited = assertThrows(RateLimitedException.class, () -> {
            for (int i = 0; i < 500; i++) {
                impatient.environments().page(1, null);
            }
        });
        assertTrue(limited.retryAfter().toSeconds() > 0, "Retry-After is read: " + limited.retryAfter());
    }

    @Test
    void shouldManageApiKeys() throws Exception {
        String jwt = Json.field(register().body(), "access_token");
        MockFactoryClient owner = MockFactoryClient.of(ClientSettings.of(baseUrl, jwt, Duration.ofSeconds(30)));
        String key = owner.apiKeys().create("ci");
        assertTrue(key.startsWith("mf_"));
        assertEquals(1, owner.apiKeys().list().size());
        MockFactoryClient withKey = MockFactoryClient.of(baseUrl, key);
        assertEquals(0, withKey.environments().page(5, null).items().size());
        owner.apiKeys().revoke(owner.apiKeys().list().get(0).id());
        Eventually.await("the revoked key to be refused", Duration.ofSeconds(10), () -> {
            try {
                withKey.environments().page(5, null);
                return false;
            } catch (AuthenticationException expected) {
                return true;
            }
        });
    }
}
