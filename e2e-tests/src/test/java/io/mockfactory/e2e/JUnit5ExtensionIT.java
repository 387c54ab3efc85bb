package io.mockfactory.e2e;

import io.mockfactory.client.MockFactoryClient;
import io.mockfactory.client.credentials.RedisCredentials;
import io.mockfactory.client.credentials.S3Credentials;
import io.mockfactory.client.environment.Environment;
import io.mockfactory.client.environment.EnvironmentSpec;
import io.mockfactory.junit5.LeasedEnvironment;
import io.mockfactory.junit5.MockFactoryEnvironment;
import io.mockfactory.junit5.MockFactoryEnvironment.Lifecycle;
import io.mockfactory.junit5.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.junit.platform.launcher.listeners.TestExecutionSummary;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JUnit 5 extension as users run it: fixture classes (static nested, so the build does not run them itself) are
 * run through the JUnit Platform against the real stack, and what they leased is then checked through the API.
 */
class JUnit5ExtensionIT extends OnLifecycleStack {
    /** Environment ids the fixtures saw, by fixture. */
    static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();
    /** Where the fromSnapshot fixture reads its snapshot's id. */
    static final String SNAPSHOT_PROPERTY = "mockfactory.it.snapshot";

    private MockFactoryClient client;

    @BeforeEach
    void configure() throws Exception {
        String jwt = Json.field(register().body(), "access_token");
        String key = Json.field(post("/api/v1/api-keys", "{\"name\":\"junit\"}", "Bearer " + jwt).body(), "key");
        System.setProperty("mockfactory.url", baseUrl);
        System.setProperty("mockfactory.api-key", key);
        client = MockFactoryClient.of(baseUrl, key);
        SEEN.clear();
    }

    @AfterEach
    void unconfigure() {
        System.clearProperty("mockfactory.url");
        System.clearProperty("mockfactory.api-key");
    }

    static void saw(String fixture, String id) {
        SEEN.computeIfAbsent(fixture, ignored -> new CopyOnWriteArrayList<>()).add(id);
    }

    @MockFactoryEnvironment(services = "aws_s3")
    static class PerClass {
        @Service("aws_s3")
        S3Credentials field;

        @Test
        void first(LeasedEnvironment environment) {
            assertNotNull(field.accessKeyId());
            saw("PerClass", environment.id());
        }

        @Test
        void second(Environment environment, @Service("aws_s3") S3Credentials parameter) {
            assertEquals(field.accessKeyId(), parameter.accessKeyId(), "one environment for the class");
            saw("PerClass", environment.id());
        }

        @Test
        void fails(Environment environment) {
            saw("PerClass", environment.id());
            fail("a failing test must not leave its environment behind");
        }
    }

    @MockFactoryEnvironment(services = "aws_s3", lifecycle = Lifecycle.PER_METHOD)
    static class PerMethod {
        @Test
        void first(Environment environment) {
            saw("PerMethod", environment.id());
        }

        @Test
        void second(Environment environment) {
            saw("PerMethod", environment.id());
        }
    }

    /** Only a field declares it: JUnit registers the extension late, after the class's beforeAll. */
    static class OnAField {
        @MockFactoryEnvironment(services = "aws_s3")
        LeasedEnvironment leased;

        @Test
        void uses() {
            assertTrue(leased.environment().isRunning());
            saw("OnAField", leased.id());
        }
    }

    @MockFactoryEnvironment(services = "aws_s3")
    static class ParallelA {
        @Test
        void runs(Environment environment) {
            saw("Parallel", environment.id());
        }
    }

    @MockFactoryEnvironment(services = "aws_s3")
    static class ParallelB {
        @Test
        void runs(Environment environment) {
            saw("Parallel", environment.id());
        }
    }

    @MockFactoryEnvironment(services = "redis", seeds = "redis=seeds/cache.redis")
    static class Seeded {
        @Service("redis")
        RedisCredentials redis;

        @Test
        void startsWithTheSeedFile(Environment environment) {
            try (Jedis jedis = new Jedis(redis.uri())) {
                assertEquals("hello from a seed file", jedis.get("greeting"));
                assertEquals(List.of("a", "b", "c"), jedis.lrange("jobs", 0, -1));
            }
            saw("Seeded", environment.id());
        }
    }

    @MockFactoryEnvironment(services = "redis", seeds = "postgresql=seeds/cache.redis")
    static class SeedsAnUnnamedService {
        @Test
        void neverRuns() {
            saw("SeedsAnUnnamedService", "none");
        }
    }

    /**
     * Made from the snapshot the test takes: an annotation's value is a constant and the id exists only once the
     * snapshot is taken, so the fixture names a system property, as a build passing its snapshot in would.
     */
    @MockFactoryEnvironment(fromSnapshot = "${" + SNAPSHOT_PROPERTY + "}")
    static class FromSnapshotFixture {
        @Service("redis")
        RedisCredentials redis;

        @Test
        void startsWithTheSnapshotsData(Environment environment) {
            try (Jedis jedis = new Jedis(redis.uri())) {
                assertEquals("kept in the snapshot", jedis.get("greeting"));
            }
            assertEquals(Set.of("redis"), environment.services().keySet(), "the snapshot's services");
            saw("FromSnapshot", environment.id());
        }
    }

    @MockFactoryEnvironment(services = "redis", fromSnapshot = "snap_AAAAAAAAAAAAAAAAAAAAAA")
    static class SnapshotAndServices {
        @Test
        void neverRuns() {
            saw("SnapshotAndServices", "none");
        }
    }

    @MockFactoryEnvironment(services = "aws_s3", reuse = true, name = "junit-reuse-loop")
    static class Reused {
        @Test
        void runs(Environment environment) {
            saw("Reused", environment.id());
        }
    }

    @Test
    void shouldShareOneEnvironmentPerClassAndDestroyItEvenWhenATestFails() {
        TestExecutionSummary summary = Suites.run(Map.of(), PerClass.class);
        assertEquals(2, summary.getTestsSucceededCount(), Suites.failures(summary));
        assertEquals(1, summary.getTestsFailedCount());
        List<String> ids = SEEN.get("PerClass");
        assertEquals(1, Set.copyOf(ids).size(), "one environment for the three tests: " + ids);
        assertGone(ids.get(0));
    }

    @Test
    void shouldLeaseOnePerMethodWhenAsked() {
        TestExecutionSummary summary = Suites.run(Map.of(), PerMethod.class, OnAField.class);
        assertEquals(3, summary.getTestsSucceededCount(), Suites.failures(summary));
        List<String> ids = SEEN.get("PerMethod");
        assertEquals(2, Set.copyOf(ids).size(), "a new environment per method: " + ids);
        ids.forEach(this::assertGone);
        assertGone(SEEN.get("OnAField").get(0));
    }

    @Test
    void shouldGiveClassesRunInParallelTheirOwnEnvironments() {
        TestExecutionSummary summary = Suites.run(Map.of("junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent"), ParallelA.class, ParallelB.class);
        assertEquals(2, summary.getTestsSucceededCount(), Suites.failures(summary));
        List<String> ids = SEEN.get("Parallel");
        assertEquals(2, Set.copyOf(ids).size(), "distinct environments: " + ids);
        ids.forEach(this::assertGone);
    }

    @Test
    void shouldReuseAStoppedEnvironmentAcrossRuns() {
        TestExecutionSummary first = Suites.run(Map.of(), Reused.class);
        assertEquals(1, first.getTestsSucceededCount(), Suites.failures(first));
        String id = SEEN.get("Reused").get(0);
        assertEquals("stopped", client.environments().get(id).status(), "kept, stopped, for the next run");

        TestExecutionSummary second = Suites.run(Map.of(), Reused.class);
        assertEquals(1, second.getTestsSucceededCount(), Suites.failures(second));
        assertEquals(List.of(id, id), SEEN.get("Reused"), "the second run started the same environment");
        long runs = client.environments().events(id).stream().filter(event -> "EnvironmentRunning".equals(event.type())).count();
        assertEquals(2, runs, "created once, started once");
        client.environments().destroy(id);
    }

    @Test
    void shouldStartServicesWithTheirSeedFilesAndRefuseASeedOfNoService() {
        TestExecutionSummary summary = Suites.run(Map.of(), Seeded.class);
        assertEquals(1, summary.getTestsSucceededCount(), Suites.failures(summary));
        assertGone(SEEN.get("Seeded").get(0));

        String refused = Suites.failures(Suites.run(Map.of(), SeedsAnUnnamedService.class));
        assertTrue(refused.contains("seeds postgresql, which its services do not name"), refused);
        assertTrue(!SEEN.containsKey("SeedsAnUnnamedService"));
    }

    @Test
    void shouldFailTheClassClearlyWithAWrongKeyOrNoService() {
        System.setProperty("mockfactory.api-key", "mf_not-a-real-key");
        String wrongKey = Suites.failures(Suites.run(Map.of(), PerMethod.class, PerClass.class));
        assertTrue(wrongKey.contains("refused the API key") && wrongKey.contains("MOCKFACTORY_API_KEY"), wrongKey);
        assertTrue(!wrongKey.contains("mf_not-a-real-key"), "the key itself is never shown");

        System.setProperty("mockfactory.url", "http://127.0.0.1:1");
        String unreachable = Suites.failures(Suites.run(Map.of(), PerClass.class));
        assertTrue(unreachable.contains("not reachable at http://127.0.0.1:1"), unreachable);
        assertTrue(SEEN.isEmpty(), "no test ran without its environment");
    }

    @Test
    void shouldStartAClassFromASnapshotAndRefuseServicesBesideIt() throws Exception {
        Environment source = client.environments().createAndAwait(EnvironmentSpec.named("junit-snapshot-source")
                .service("redis").ttlMinutes(30), Duration.ofMinutes(2));
        String snapshot = null;
        try {
            try (Jedis jedis = new Jedis(client.environments().credentials(source.id()).redis().uri())) {
                jedis.set("greeting", "kept in the snapshot");
            }
            snapshot = client.snapshots().create(source.id(), "junit fixtures").id();
            String unset = Suites.failures(Suites.run(Map.of(), FromSnapshotFixture.class));
            assertTrue(unset.contains("names a system property or environment variable that is not set"), unset);
            System.setProperty(SNAPSHOT_PROPERTY, snapshot);
            try {
                TestExecutionSummary summary = Suites.run(Map.of(), FromSnapshotFixture.class);
                assertEquals(1, summary.getTestsSucceededCount(), Suites.failures(summary));
            } finally {
                System.clearProperty(SNAPSHOT_PROPERTY);
            }
            String made = SEEN.get("FromSnapshot").get(0);
            assertNotEquals(source.id(), made, "a new environment, not the snapshot's source");
            assertTrue(client.environments().get(made).name().startsWith("FromSnapshotFixture-"));
            assertGone(made);

            String refused = Suites.failures(Suites.run(Map.of(), SnapshotAndServices.class));
            assertTrue(refused.contains("takes services or fromSnapshot, not both"), refused);
            assertFalse(SEEN.containsKey("SnapshotAndServices"), "no test ran without its environment");
        } finally {
            if (snapshot != null) {
                client.snapshots().delete(snapshot);
            }
            client.environments().destroy(source.id());
        }
    }

    /** Destroyed environments stay readable by their owner: a 404 would mean the fixture leased under another key. */
    private void assertGone(String id) {
        assertEquals("destroyed", client.environments().get(id).status(), id);
    }
}
