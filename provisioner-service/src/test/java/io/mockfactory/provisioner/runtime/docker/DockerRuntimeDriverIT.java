package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Ports;
import io.mockfactory.events.EventIds;
import io.mockfactory.provisioner.runtime.DataCopies;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.RedisProtocol;
import io.mockfactory.provisioner.runtime.ResourceLimits;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The docker driver against a real engine: the one DOCKER_HOST names (.ci/run starts a private one with
 * deploy/docker-test-engine.sh, which also builds the images). Skips, saying so, when no engine or no image is there.
 */
class DockerRuntimeDriverIT {
    private static final Map<String, String> IMAGES = Map.of(
            "redis", "mockfactory/redis:7",
            "postgresql", "mockfactory/postgresql:15",
            "postgis", "mockfactory/postgresql:15",
            "postgresql_pgvector", "mockfactory/postgresql:15",
            "elasticmq", "mockfactory/elasticmq:1.7");
    private static final Duration READINESS = Duration.ofSeconds(60);
    private static DockerClient docker;

    @BeforeAll
    static void connect() {
        String host = System.getenv("DOCKER_HOST");
        assumeTrue(host != null && !host.isBlank(), "DOCKER_HOST is not set: no Docker engine to test the docker driver against");
        docker = DockerClients.connect(host);
        try {
            docker.pingCmd().exec();
            for (String image : IMAGES.values()) {
                docker.inspectImageCmd(image).exec();
            }
        } catch (RuntimeException e) {
            assumeTrue(false, "No usable Docker engine at " + host + " (or an image deploy/docker-test-engine.sh builds is missing): "
                    + e.getMessage());
        }
    }

    @Test
    void shouldRunRedisInALabelledLimitedContainerOnLoopbackAndKeepItsDataAcrossStop() throws Exception {
        DockerRuntimeDriver driver = new DockerRuntimeDriver(docker, IMAGES, null, READINESS);
        InstanceSpec spec = spec("redis", new ResourceLimits(64L * 1024 * 1024, 250, 32));
        String name = DockerRuntimeDriver.containerName(spec.runtimeId(), "redis");
        try {
            long pid = driver.start(spec);
            assertTrue(driver.isAlive(spec.runtimeId(), "redis", pid));
            assertTrue(driver.adopt(spec.runtimeId(), "redis", pid), "its own running container's pid is adopted");
            assertFalse(driver.adopt(spec.runtimeId(), "redis", pid + 100_000), "another pid is not");

            InspectContainerResponse container = docker.inspectContainerCmd(name).exec();
            assertEquals(spec.runtimeId(), container.getConfig().getLabels().get(DockerRuntimeDriver.ENVIRONMENT_LABEL));
            assertEquals("redis", container.getConfig().getLabels().get(DockerRuntimeDriver.SERVICE_LABEL));
            assertEquals(64L * 1024 * 1024, container.getHostConfig().getMemory());
            assertEquals(25_000L, container.getHostConfig().getCpuQuota(), "a quarter CPU once ready");
            assertEquals(100_000L, container.getHostConfig().getCpuPeriod());
            assertEquals(32L, container.getHostConfig().getPidsLimit());
            Ports.Binding binding = container.getHostConfig().getPortBindings().getBindings().values().iterator().next()[0];
            assertEquals("127.0.0.1", binding.getHostIp());
            assertNoPasswordVisible(container, spec);
            assertTrue(driver.instancesOnDisk().contains(new RuntimeDriver.InstanceOnDisk(spec.runtimeId(), "redis")));
            assertNotNull(driver.activity(spec), "the driver reads how used the server is");

            try (Jedis redis = new Jedis("127.0.0.1", spec.port())) {
                redis.auth(spec.password());
                redis.set("kept", "across stop");
            }
            driver.stop(spec.runtimeId(), "redis", pid);
            assertFalse(driver.isAlive(spec.runtimeId(), "redis", pid), "a stopped container is not alive");
            assertFalse(RedisProtocol.answersPing(spec.port(), spec.password()), "stopped: nothing answers");
            long restarted = driver.start(spec);
            assertEquals(25_000L, docker.inspectContainerCmd(name).exec().getHostConfig().getCpuQuota(), "limited again once ready");
            try (Jedis redis = new Jedis("127.0.0.1", spec.port())) {
                redis.auth(spec.password());
                assertEquals("across stop", redis.get("kept"));
            }
            assertTrue(driver.isAlive(spec.runtimeId(), "redis", restarted));
            docker.killContainerCmd(name).exec();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (driver.isAlive(spec.runtimeId(), "redis", restarted) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(driver.isAlive(spec.runtimeId(), "redis", restarted), "a container killed behind its back is seen dead");
        } finally {
            driver.destroy(spec.runtimeId(), "redis", -1);
        }
        assertThrows(NotFoundException.class, () -> docker.inspectContainerCmd(name).exec(), "destroy removes the container");
        try (ServerSocket port = new ServerSocket(spec.port())) {
            assertTrue(port.isBound(), "and frees the port");
        }
    }

    @Test
    void shouldRunPostgresWithItsPasswordFromAFileAndKeepItsDataAcrossStop() throws Exception {
        DockerRuntimeDriver driver = new DockerRuntimeDriver(docker, IMAGES, null, READINESS);
        InstanceSpec spec = spec("postgresql", new ResourceLimits(256L * 1024 * 1024, 500, 128));
        try {
            long pid = driver.start(spec);
            assertNoPasswordVisible(docker.inspectContainerCmd(DockerRuntimeDriver.containerName(spec.runtimeId(), "postgresql")).exec(), spec);
            try (Connection db = connect(spec, spec.password()); Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE kept (v text)");
                sql.execute("INSERT INTO kept VALUES ('across stop')");
            }
            assertThrows(SQLException.class, () -> connect(spec, "not-the-password").close(), "a wrong password is refused");
            driver.stop(spec.runtimeId(), "postgresql", pid);
            assertThrows(SQLException.class, () -> connect(spec, spec.password()).close(), "stopped: nothing answers");
            driver.start(spec);
            try (Connection db = connect(spec, spec.password()); Statement sql = db.createStatement();
                 ResultSet kept = sql.executeQuery("SELECT v FROM kept")) {
                assertTrue(kept.next());
                assertEquals("across stop", kept.getString(1));
            }
        } finally {
            driver.destroy(spec.runtimeId(), "postgresql", -1);
        }
    }

    /** A copy made while the source runs goes into a new container, which serves it with its own password. */
    @Test
    void shouldSnapshotRunningRedisIntoANewContainerThatKeepsItsOwnWrites() throws Exception {
        DockerRuntimeDriver driver = new DockerRuntimeDriver(docker, IMAGES, null, READINESS);
        InstanceSpec source = spec("redis", null);
        InstanceSpec branch = spec("redis", null);
        Path snapshot = Files.createTempDirectory("mf-docker-snapshot").resolve("redis");
        try {
            long pid = driver.start(source);
            try (Jedis redis = redis(source)) {
                for (int i = 0; i < 1000; i++) {
                    redis.set("key:" + i, "value " + i);
                }
                redis.rpush("list", "a", "b", "c");
            }
            assertTrue(driver.snapshots("redis"));
            assertTrue(driver.snapshot(source, pid, snapshot) > 0, "the copy has a size");
            try (Jedis redis = redis(source)) {
                redis.set("after", "the snapshot");
            }
            driver.restore(branch, snapshot);
            long branchPid = driver.start(branch);
            try (Jedis redis = redis(branch)) {
                assertEquals("value 999", redis.get("key:999"));
                assertEquals(java.util.List.of("a", "b", "c"), redis.lrange("list", 0, -1));
                assertEquals(null, redis.get("after"), "what the source wrote later is not in the branch");
                redis.set("only", "in the branch");
            }
            assertFalse(RedisProtocol.answersPing(branch.port(), source.password()), "the source's password opens nothing");
            driver.stop(branch.runtimeId(), "redis", branchPid);
            driver.start(branch);
            try (Jedis redis = redis(branch)) {
                assertEquals("in the branch", redis.get("only"), "the branch appends to its own file across a stop");
                assertEquals("value 0", redis.get("key:0"));
            }
            try (Jedis redis = redis(source)) {
                assertEquals(null, redis.get("only"), "nor do the branch's writes show in the source");
            }
        } finally {
            driver.destroy(source.runtimeId(), "redis", -1);
            driver.destroy(branch.runtimeId(), "redis", -1);
            DataCopies.remove(snapshot.getParent());
        }
    }

    /** A base backup through the archive API, recovered by the new container's entrypoint, which sets the new password. */
    @Test
    void shouldSnapshotRunningPostgresIntoANewContainerRecoveredWithItsOwnPassword() throws Exception {
        DockerRuntimeDriver driver = new DockerRuntimeDriver(docker, IMAGES, null, READINESS);
        InstanceSpec source = spec("postgresql", null);
        InstanceSpec branch = spec("postgresql", new ResourceLimits(256L * 1024 * 1024, 500, 128));
        Path snapshot = Files.createTempDirectory("mf-docker-snapshot").resolve("postgresql");
        try {
            long pid = driver.start(source);
            try (Connection db = connect(source, source.password()); Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE rows AS SELECT n, md5(n::text) AS hash FROM generate_series(1, 50000) n");
                sql.execute("CREATE INDEX ON rows (hash)");
            }
            assertTrue(driver.snapshots("postgresql"));
            assertTrue(driver.snapshot(source, pid, snapshot) > 0);
            try (Connection db = connect(source, source.password()); Statement sql = db.createStatement()) {
                sql.execute("INSERT INTO rows VALUES (0, 'after the snapshot')");
            }
            driver.restore(branch, snapshot);
            long branchPid = driver.start(branch);
            assertEquals(50_000.0, scalar(branch, "SELECT count(*) FROM rows"), 0, "the rows as of the snapshot");
            assertEquals(1.0, scalar(branch, "SELECT count(*) FROM rows WHERE hash = md5('777')"), 0, "its index answers");
            assertThrows(SQLException.class, () -> connect(branch, source.password()).close(), "the source's password is refused");
            try (Connection db = connect(branch, branch.password()); Statement sql = db.createStatement()) {
                sql.execute("DELETE FROM rows WHERE n > 100");
            }
            driver.stop(branch.runtimeId(), "postgresql", branchPid);
            driver.start(branch);
            assertEquals(100.0, scalar(branch, "SELECT count(*) FROM rows"), 0, "the branch keeps its own writes across a stop");
            assertEquals(50_001.0, scalar(source, "SELECT count(*) FROM rows"), 0, "and the source its own");
        } finally {
            driver.destroy(source.runtimeId(), "postgresql", -1);
            driver.destroy(branch.runtimeId(), "postgresql", -1);
            DataCopies.remove(snapshot.getParent());
        }
    }

    /** H2's online backup through its mixed-mode server in the container, on the container's address. */
    @Test
    void shouldSnapshotRunningElasticMqIntoANewContainerWithTheQueuesAndTheirMessages() throws Exception {
        DockerRuntimeDriver driver = new DockerRuntimeDriver(docker, IMAGES, null, READINESS);
        InstanceSpec source = spec("elasticmq", null);
        InstanceSpec branch = spec("elasticmq", null);
        Path snapshot = Files.createTempDirectory("mf-docker-snapshot").resolve("elasticmq");
        try {
            long pid = driver.start(source);
            String queueUrl = firstMatch(sqs(source.port(), "Action=CreateQueue&QueueName=orders"), "<QueueUrl>(.*?)</QueueUrl>");
            for (int i = 0; i < 20; i++) {
                sqs(source.port(), "Action=SendMessage&QueueUrl=" + encode(queueUrl) + "&MessageBody=order-" + i);
            }
            assertTrue(driver.snapshot(source, pid, snapshot) > 0);
            sqs(source.port(), "Action=SendMessage&QueueUrl=" + encode(queueUrl) + "&MessageBody=after");
            driver.restore(branch, snapshot);
            driver.start(branch);
            String branchQueue = firstMatch(sqs(branch.port(), "Action=GetQueueUrl&QueueName=orders"), "<QueueUrl>(.*?)</QueueUrl>");
            assertEquals("http://localhost:" + branch.port() + "/000000000000/orders", branchQueue, "its own port in its URLs");
            String attributes = sqs(branch.port(), "Action=GetQueueAttributes&QueueUrl=" + encode(branchQueue)
                    + "&AttributeName.1=ApproximateNumberOfMessages");
            assertEquals("20", firstMatch(attributes, "<Value>(\\d+)</Value>"), "the messages as of the snapshot");
            String received = sqs(source.port(), "Action=GetQueueAttributes&QueueUrl=" + encode(queueUrl)
                    + "&AttributeName.1=ApproximateNumberOfMessages");
            assertEquals("21", firstMatch(received, "<Value>(\\d+)</Value>"), "the source keeps its own");
        } finally {
            driver.destroy(source.runtimeId(), "elasticmq", -1);
            driver.destroy(branch.runtimeId(), "elasticmq", -1);
            DataCopies.remove(snapshot.getParent());
        }
    }

    @Test
    void shouldRunPostgisAndPgvectorFlavoursWithTheirExtension() throws Exception {
        DockerRuntimeDriver driver = new DockerRuntimeDriver(docker, IMAGES, null, READINESS);
        InstanceSpec postgis = spec("postgis", null);
        InstanceSpec pgvector = spec("postgresql_pgvector", null);
        try {
            driver.start(postgis);
            driver.start(pgvector);
            assertEquals(1.0, scalar(postgis, "SELECT ST_Distance('POINT(0 0)'::geometry, 'POINT(0 1)'::geometry)"), 1e-9);
            assertEquals(5.0, scalar(pgvector, "SELECT '[0,0,0]'::vector <-> '[3,4,0]'::vector"), 1e-9);
        } finally {
            driver.destroy(postgis.runtimeId(), "postgis", -1);
            driver.destroy(pgvector.runtimeId(), "postgresql_pgvector", -1);
        }
    }

    @Test
    void shouldRunElasticMqWhoseQueueUrlsNameThePublishedPortAndKeepMessagesAcrossStop() throws Exception {
        DockerRuntimeDriver driver = new DockerRuntimeDriver(docker, IMAGES, null, READINESS);
        InstanceSpec spec = spec("elasticmq", null);
        try {
            long pid = driver.start(spec);
            String queueUrl = firstMatch(sqs(spec.port(), "Action=CreateQueue&QueueName=orders"), "<QueueUrl>(.*?)</QueueUrl>");
            assertEquals("http://localhost:" + spec.port() + "/000000000000/orders", queueUrl);
            sqs(spec.port(), "Action=SendMessage&QueueUrl=" + encode(queueUrl) + "&MessageBody=kept");
            driver.stop(spec.runtimeId(), "elasticmq", pid);
            driver.start(spec);
            String received = sqs(spec.port(), "Action=ReceiveMessage&QueueUrl=" + encode(queueUrl) + "&WaitTimeSeconds=1");
            assertEquals("kept", firstMatch(received, "<Body>(.*?)</Body>"), "the message survived stop and start");
        } finally {
            driver.destroy(spec.runtimeId(), "elasticmq", -1);
        }
    }

    /** As in docker-compose.yml: the service runs in a container itself and reaches instances on a shared network. */
    @Test
    void shouldReachInstancesOnTheirNetworkWhenOneIsConfigured() throws Exception {
        String network = "mf-test-" + EventIds.newId("net").substring(4, 16);
        docker.createNetworkCmd().withName(network).withDriver("bridge").exec();
        DockerRuntimeDriver driver = new DockerRuntimeDriver(docker, IMAGES, network, READINESS);
        InstanceSpec spec = spec("redis", null);
        try {
            driver.start(spec);
            InspectContainerResponse container = docker.inspectContainerCmd(DockerRuntimeDriver.containerName(spec.runtimeId(), "redis")).exec();
            String address = container.getNetworkSettings().getNetworks().get(network).getIpAddress();
            assertTrue(RedisProtocol.answersPing(address, 6379, spec.password()), "reachable at its address on the network");
            assertTrue(RedisProtocol.answersPing(spec.port(), spec.password()), "and still published on 127.0.0.1 for users");
            assertNotNull(driver.activity(spec));
        } finally {
            driver.destroy(spec.runtimeId(), "redis", -1);
            docker.removeNetworkCmd(network).exec();
        }
    }

    @Test
    void shouldRunOnlyAllowListedImages() {
        DockerRuntimeDriver driver = new DockerRuntimeDriver(docker, Map.of("mongodb", "mongo:7"), null, Duration.ofSeconds(5));
        assertFalse(driver.supports("redis"), "a service type without an allowed image is not run in a container");
        assertFalse(driver.supports("mongodb"), "nor a type the driver has no recipe for, whatever image is named");
        assertThrows(IllegalArgumentException.class, () -> driver.start(spec("redis", null)));
    }

    private static void assertNoPasswordVisible(InspectContainerResponse container, InstanceSpec spec) {
        String command = String.join(" ", container.getConfig().getCmd() == null ? new String[0] : container.getConfig().getCmd())
                + " " + String.join(" ", container.getConfig().getEntrypoint() == null ? new String[0] : container.getConfig().getEntrypoint());
        assertFalse(command.contains(spec.password()), "no password on its command line");
        String environment = Arrays.toString(container.getConfig().getEnv());
        assertFalse(environment.contains(spec.password()), "nor in its environment");
    }

    private static Jedis redis(InstanceSpec spec) {
        Jedis redis = new Jedis("127.0.0.1", spec.port());
        redis.auth(spec.password());
        return redis;
    }

    private static Connection connect(InstanceSpec spec, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + spec.port() + "/testdb", "postgres", password);
    }

    private static double scalar(InstanceSpec spec, String query) throws SQLException {
        try (Connection db = connect(spec, spec.password()); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next());
            return rs.getDouble(1);
        }
    }

    private static String sqs(int port, String form) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2012-11-05")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static String firstMatch(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), regex + " in " + text);
        return matcher.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static InstanceSpec spec(String service, ResourceLimits limits) throws Exception {
        return new InstanceSpec(EventIds.newId("env"), service, "x", freePort(), EventIds.newId("pw").replace("-", ""), limits);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
