package io.mockfactory.provisioner.runtime;

import io.mockfactory.events.EventIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A warm server handed to an environment: the pool's password stops working, the environment's starts, sessions the
 * pool's password opened are closed, and a repeat (after a crash part-way) changes nothing more.
 */
class TakeOverIT {
    private static final String POOL_PASSWORD = "pool-p4ssword-for-the-test";
    private static final String ENVIRONMENT_PASSWORD = "env-p4ss'word-for-the-test";

    @Test
    void shouldGiveAWarmRedisTheEnvironmentsPassword(@TempDir Path root) throws Exception {
        LocalProcessDriver driver = new LocalProcessDriver(root.toString(), Duration.ofSeconds(20),
                List.of(new RedisRecipe("redis-server", bundled(root))), new Cgroups("/sys/fs/cgroup", true));
        InstanceSpec warm = new InstanceSpec(EventIds.newId("pool"), "redis", "7", freePort(), POOL_PASSWORD, null);
        long pid = driver.start(warm);
        try (Jedis poolSession = new Jedis("127.0.0.1", warm.port())) {
            poolSession.auth(POOL_PASSWORD);
            InstanceSpec leased = withPassword(warm, ENVIRONMENT_PASSWORD);
            driver.takeOver(leased, pid, POOL_PASSWORD);
            driver.takeOver(leased, pid, POOL_PASSWORD);

            assertThrows(JedisConnectionException.class, poolSession::ping, "the pool's session was closed");
            try (Jedis client = new Jedis("127.0.0.1", warm.port())) {
                assertThrows(JedisDataException.class, () -> client.auth(POOL_PASSWORD));
                assertEquals("OK", client.auth(ENVIRONMENT_PASSWORD));
            }
            String config = Files.readString(root.resolve(warm.runtimeId()).resolve("redis").resolve("redis.conf"));
            assertFalse(config.contains(POOL_PASSWORD), "the config holds only the password the server takes");
            assertThrows(Exception.class, () -> driver.takeOver(withPassword(warm, "a-third-one"), pid, "not-the-pools"),
                    "a server that refuses both passwords is not taken over");
        } finally {
            driver.destroy(warm.runtimeId(), "redis", pid);
        }
        assertFalse(Files.exists(root.resolve(warm.runtimeId())));
    }

    @Test
    void shouldGiveAWarmPostgresTheEnvironmentsPassword(@TempDir Path root) throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        Map<String, PostgresBuild> builds = new LinkedHashMap<>();
        builds.put("17", PostgresBuild.bundled("17", bundled(root)));
        LocalProcessDriver driver = new LocalProcessDriver(root.toString(), Duration.ofSeconds(30), List.of(
                new PostgresRecipe("postgresql", null, builds, root.toString(), "/tmp/mf-pg-it")), new Cgroups("/sys/fs/cgroup", true));
        InstanceSpec warm = new InstanceSpec(EventIds.newId("pool"), "postgresql", "17", freePort(), POOL_PASSWORD, null);
        long pid = driver.start(warm);
        try (Connection poolSession = connect(warm.port(), POOL_PASSWORD)) {
            InstanceSpec leased = withPassword(warm, ENVIRONMENT_PASSWORD);
            driver.takeOver(leased, pid, POOL_PASSWORD);
            driver.takeOver(leased, pid, POOL_PASSWORD);

            assertThrows(SQLException.class, () -> poolSession.createStatement().execute("SELECT 1"),
                    "the pool's session was ended");
            assertThrows(SQLException.class, () -> connect(warm.port(), POOL_PASSWORD).close());
            try (Connection client = connect(warm.port(), ENVIRONMENT_PASSWORD)) {
                assertTrue(client.createStatement().execute("SELECT 1"));
            }
            String log = Files.readString(root.resolve(warm.runtimeId()).resolve("postgresql.log"));
            assertFalse(log.contains(ENVIRONMENT_PASSWORD) || log.contains(POOL_PASSWORD), "no password in the server's log");
        } finally {
            driver.destroy(warm.runtimeId(), "postgresql", pid);
        }
    }

    private static Connection connect(int port, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/testdb", "postgres", password);
    }

    private static InstanceSpec withPassword(InstanceSpec spec, String password) {
        return new InstanceSpec(spec.runtimeId(), spec.service(), spec.version(), spec.port(), password, spec.limits());
    }

    private static BundledRuntimes bundled(Path root) {
        return new BundledRuntimes("../instance-runtimes/target/archives", root.resolve("instances").toString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
