package io.mockfactory.e2e;

import io.mockfactory.client.MockFactoryClient;
import io.mockfactory.client.credentials.Credentials;
import io.mockfactory.client.credentials.PostgresCredentials;
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
import io.mockfactory.client.snapshot.Snapshot;
import io.mockfactory.client.snapshot.SnapshotService;
import io.mockfactory.client.upload.Upload;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import software.amazon.awssdk.services.s3.S3Client;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

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

    /**
     * A snapshot of Redis and PostgreSQL data written with their own clients, an environment made from it and a clone
     * of the source: both hold the data, on ports and with passwords of their own, and each side's later writes stay
     * its own. Deleting the snapshot leaves the environments made from it as they are.
     */
    @Test
    void shouldSnapshotAnEnvironmentAndBranchAndCloneIt() throws Exception {
        MockFactoryClient client = newClient();
        List<String> made = new ArrayList<>();
        String snapshotId = null;
        try {
            Environment source = client.environments().createAndAwait(EnvironmentSpec.named("snap-source")
                    .service("redis").service("postgresql").ttlMinutes(30), WAIT);
            made.add(source.id());
            Credentials sourceCredentials = client.environments().credentials(source.id());
            try (Jedis jedis = new Jedis(sourceCredentials.redis().uri())) {
                jedis.set("greeting", "kept in the snapshot");
            }
            sql(sourceCredentials, "CREATE TABLE notes (body text PRIMARY KEY)", "INSERT INTO notes VALUES ('kept')");

            Snapshot snapshot = client.snapshots().create(source.id(), "before tests");
            snapshotId = snapshot.id();
            assertTrue(snapshot.isReady() && snapshotId.startsWith("snap_"), snapshot.toString());
            assertEquals(source.id(), snapshot.environmentId());
            assertEquals("before tests", snapshot.name());
            assertEquals(Set.of("redis", "postgresql"),
                    snapshot.services().stream().map(SnapshotService::type).collect(Collectors.toSet()));
            assertTrue(snapshot.sizeBytes() > 0 && snapshot.readyAt() != null, snapshot.toString());
            assertEquals("ready", client.snapshots().get(snapshotId).status());
            assertEquals(List.of(snapshotId), ids(client.snapshots().all()));
            assertEquals(List.of(snapshotId), ids(client.snapshots().page(5, null).items()));

            Environment branch = client.environments().createAndAwait(EnvironmentSpec.named("snap-branch")
                    .fromSnapshot(snapshotId).ttlMinutes(30), WAIT);
            made.add(branch.id());
            assertEquals(Set.of("redis", "postgresql"), branch.services().keySet(), "the snapshot's services");
            Environment clone = client.environments().cloneAndAwait(source.id(), null, WAIT);
            made.add(clone.id());
            assertEquals("snap-source-clone", clone.name(), "the default name");
            assertTrue(clone.isRunning(), clone.toString());

            Map<String, Credentials> sides = Map.of("source", sourceCredentials,
                    "branch", client.environments().credentials(branch.id()),
                    "clone", client.environments().credentials(clone.id()));
            assertEquals(3, sides.values().stream().map(side -> side.redis().port()).distinct().count(), "own ports");
            assertEquals(3, sides.values().stream().map(side -> side.postgres("postgresql").password()).distinct().count(),
                    "own passwords");
            for (Map.Entry<String, Credentials> side : sides.entrySet()) {
                try (Jedis jedis = new Jedis(side.getValue().redis().uri())) {
                    assertEquals("kept in the snapshot", jedis.get("greeting"), side.getKey());
                    jedis.set("side", side.getKey());
                }
                sql(side.getValue(), "INSERT INTO notes VALUES ('" + side.getKey() + "')");
            }
            for (Map.Entry<String, Credentials> side : sides.entrySet()) {
                try (Jedis jedis = new Jedis(side.getValue().redis().uri())) {
                    assertEquals(side.getKey(), jedis.get("side"), "each side's write stays its own");
                }
                assertEquals(Set.of("kept", side.getKey()), Set.copyOf(notes(side.getValue())), side.getKey());
            }

            client.snapshots().delete(snapshotId);
            String deleted = snapshotId;
            snapshotId = null;
            assertThrows(NotFoundException.class, () -> client.snapshots().get(deleted));
            assertEquals(List.of(), ids(client.snapshots().all()));
            try (Jedis jedis = new Jedis(sides.get("branch").redis().uri())) {
                assertEquals("kept in the snapshot", jedis.get("greeting"), "a branch keeps its data");
            }
        } finally {
            if (snapshotId != null) {
                client.snapshots().delete(snapshotId);
            }
            made.forEach(client.environments()::destroy);
        }
    }

    @Test
    void shouldSnapshotAStoppedEnvironmentAndRefuseServicesBesideASnapshot() throws Exception {
        MockFactoryClient client = newClient();
        Environment cache = client.environments().createAndAwait(EnvironmentSpec.named("cache").service("redis"), WAIT);
        try {
            client.environments().stop(cache.id());
            Snapshot resting = client.snapshots().create(cache.id(), "resting");
            assertEquals("ready", resting.status());
            assertEquals(List.of(resting.id()), ids(client.snapshots().all()));
            client.snapshots().delete(resting.id());
            ValidationException unknown = assertThrows(ValidationException.class, () -> client.environments()
                    .create(EnvironmentSpec.named("branch").fromSnapshot("snap_AAAAAAAAAAAAAAAAAAAAAA")));
            assertTrue(unknown.byField().containsKey("from_snapshot"), unknown.getMessage());
            assertThrows(IllegalStateException.class,
                    () -> EnvironmentSpec.named("mixed").fromSnapshot("snap_AAAAAAAAAAAAAAAAAAAAAA").service("redis"));
        } finally {
            client.environments().destroy(cache.id());
        }
    }

    /** A zip uploaded from a file, then unpacked into the bucket of an environment made with seedObjects. */
    @Test
    void shouldUploadAFileAndSeedABucketFromIt() throws Exception {
        MockFactoryClient client = newClient();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("fixtures", ".zip");
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("orders/1.json"));
            zip.write("{\"id\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Upload upload = client.uploads().create(file);
        assertEquals("zip", upload.format());
        assertEquals(java.nio.file.Files.size(file), upload.sizeBytes());
        assertEquals(file.getFileName().toString(), client.uploads().get(upload.id()).name());
        assertEquals(List.of(upload.id()), client.uploads().page(10, null).items().stream().map(Upload::id).toList());
        Environment seeded = client.environments().createAndAwait(EnvironmentSpec.named("files")
                .seedObjects(upload.id(), "fixtures"), WAIT);
        try (S3Client s3 = AwsClients.s3(get("/api/v1/environments/" + seeded.id() + "/credentials",
                "Bearer " + client.settings().credential()).body())) {
            assertEquals("{\"id\":1}", s3.getObjectAsBytes(g -> g.bucket("fixtures").key("orders/1.json")).asUtf8String());
        } finally {
            client.environments().destroy(seeded.id());
        }
        client.uploads().delete(upload.id());
        assertThrows(NotFoundException.class, () -> client.uploads().get(upload.id()));
    }

    private static List<String> ids(Iterable<Snapshot> snapshots) {
        List<String> ids = new ArrayList<>();
        snapshots.forEach(snapshot -> ids.add(snapshot.id()));
        return ids;
    }

    private static void sql(Credentials credentials, String... statements) throws Exception {
        PostgresCredentials pg = credentials.postgres("postgresql");
        try (Connection db = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
             Statement sql = db.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    /** The rows of notes; a just-started server may take a moment to accept the session. */
    private static List<String> notes(Credentials credentials) throws Exception {
        PostgresCredentials pg = credentials.postgres("postgresql");
        return Eventually.within(Duration.ofSeconds(30), () -> {
            List<String> rows = new ArrayList<>();
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
                 Statement sql = db.createStatement(); ResultSet result = sql.executeQuery("SELECT body FROM notes")) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        });
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
