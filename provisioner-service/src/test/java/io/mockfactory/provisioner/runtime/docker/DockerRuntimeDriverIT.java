package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Ports;
import io.mockfactory.events.EventIds;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.RedisProtocol;
import io.mockfactory.provisioner.runtime.ResourceLimits;
import io.mockfactory.provisioner.runtime.RuntimeDriver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The docker driver against a real engine: the one DOCKER_HOST names (.ci/run starts a private one with
 * deploy/docker-test-engine.sh). Skips, saying so, when no engine or no mockfactory/redis:7 image is there.
 */
class DockerRuntimeDriverIT {
    private static final String IMAGE = "mockfactory/redis:7";
    private static DockerClient docker;

    @BeforeAll
    static void connect() {
        String host = System.getenv("DOCKER_HOST");
        assumeTrue(host != null && !host.isBlank(), "DOCKER_HOST is not set: no Docker engine to test the docker driver against");
        docker = DockerClients.connect(host);
        try {
            docker.pingCmd().exec();
            docker.inspectImageCmd(IMAGE).exec();
        } catch (RuntimeException e) {
            assumeTrue(false, "No usable Docker engine at " + host + " (or no " + IMAGE + " image): " + e.getMessage());
        }
    }

    @Test
    void shouldRunRedisInALabelledLimitedContainerOnLoopbackAndKeepItsDataAcrossStop() throws Exception {
        DockerRuntimeDriver driver = new DockerRuntimeDriver(docker, Map.of("redis", IMAGE), Duration.ofSeconds(30));
        InstanceSpec spec = new InstanceSpec(EventIds.newId("env"), "redis", "7", freePort(), "p4ssword-in-a-file",
                new ResourceLimits(64L * 1024 * 1024, 250, 32));
        String name = DockerRuntimeDriver.containerName(spec.environmentId(), "redis");
        try {
            long pid = driver.start(spec);
            assertTrue(driver.isAlive(pid));
            assertTrue(driver.adopt(spec.environmentId(), "redis", pid), "its own running container's pid is adopted");
            assertFalse(driver.adopt(spec.environmentId(), "redis", pid + 100_000), "another pid is not");

            InspectContainerResponse container = docker.inspectContainerCmd(name).exec();
            assertEquals(spec.environmentId(), container.getConfig().getLabels().get(DockerRuntimeDriver.ENVIRONMENT_LABEL));
            assertEquals("redis", container.getConfig().getLabels().get(DockerRuntimeDriver.SERVICE_LABEL));
            assertEquals(64L * 1024 * 1024, container.getHostConfig().getMemory());
            assertEquals(250_000_000L, container.getHostConfig().getNanoCPUs());
            assertEquals(32L, container.getHostConfig().getPidsLimit());
            Ports.Binding binding = container.getHostConfig().getPortBindings().getBindings().values().iterator().next()[0];
            assertEquals("127.0.0.1", binding.getHostIp());
            assertFalse(String.join(" ", container.getConfig().getCmd()).contains(spec.password()), "no password on its command line");
            assertFalse(String.join(" ", container.getConfig().getEnv() == null ? new String[0] : container.getConfig().getEnv())
                    .contains(spec.password()), "nor in its environment");
            assertTrue(driver.instancesOnDisk().contains(new RuntimeDriver.InstanceOnDisk(spec.environmentId(), "redis")));

            try (Jedis redis = new Jedis("127.0.0.1", spec.port())) {
                redis.auth(spec.password());
                redis.set("kept", "across stop");
            }
            driver.stop(spec.environmentId(), "redis", pid);
            assertFalse(RedisProtocol.answersPing(spec.port(), spec.password()), "stopped: nothing answers");
            driver.start(spec);
            try (Jedis redis = new Jedis("127.0.0.1", spec.port())) {
                redis.auth(spec.password());
                assertEquals("across stop", redis.get("kept"));
            }
        } finally {
            driver.destroy(spec.environmentId(), "redis", -1);
        }
        assertThrows(NotFoundException.class, () -> docker.inspectContainerCmd(name).exec(), "destroy removes the container");
        try (ServerSocket port = new ServerSocket(spec.port())) {
            assertTrue(port.isBound(), "and frees the port");
        }
    }

    @Test
    void shouldRunOnlyAllowListedImages() {
        DockerRuntimeDriver driver = new DockerRuntimeDriver(docker, Map.of(), Duration.ofSeconds(5));
        assertFalse(driver.supports("redis"), "a service type without an allowed image is not run in a container");
        assertFalse(driver.supports("postgresql"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
