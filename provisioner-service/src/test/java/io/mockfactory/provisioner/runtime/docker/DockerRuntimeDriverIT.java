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

import static io.mockfactory.provisioner.runtime.docker.DockerInstances.IMAGES;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.READINESS;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.connect;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.encode;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.firstMatch;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.scalar;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.spec;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.sqs;
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
    private static DockerClient docker;

    @BeforeAll
    static void connectToTheEngine() {
        docker = DockerInstances.engine();
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
}
