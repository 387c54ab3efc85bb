package io.mockfactory.provisioner.runtime;

import io.mockfactory.events.EventIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The local driver against a real redis-server, including the runs that crashed before recording a pid. */
class LocalProcessDriverIT {

    @Test
    void shouldReplaceAnUnrecordedPredecessorAndLeaveNothingOnDestroy(@TempDir Path root) throws Exception {
        InstanceSpec spec = new InstanceSpec(EventIds.newId("env"), "redis", "7", freePort(), "p4ssword-for-the-test", null);
        LocalProcessDriver crashedRun = driver(root);
        long orphan = crashedRun.start(spec);

        LocalProcessDriver nextRun = driver(root);
        long replacement = nextRun.start(spec);

        assertNotEquals(orphan, replacement);
        assertFalse(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the orphan was stopped first");
        assertTrue(nextRun.isAlive(spec.runtimeId(), spec.service(), replacement));
        assertTrue(RedisProtocol.answersPing(spec.port(), spec.password()));

        nextRun.destroy(spec.runtimeId(), spec.service(), replacement);
        assertFalse(nextRun.isAlive(spec.runtimeId(), spec.service(), replacement));
        try (ServerSocket port = new ServerSocket(spec.port())) {
            assertTrue(port.isBound(), "the port is free again");
        }
    }

    @Test
    void shouldFindAndRemoveAnInstanceNoRecordKnows(@TempDir Path root) throws Exception {
        InstanceSpec spec = new InstanceSpec(EventIds.newId("env"), "redis", "7", freePort(), "p4ssword-for-the-test", null);
        long pid = driver(root).start(spec);

        LocalProcessDriver afterCrash = driver(root);
        assertTrue(afterCrash.instancesOnDisk().contains(new RuntimeDriver.InstanceOnDisk(spec.runtimeId(), "redis")));
        afterCrash.destroy(spec.runtimeId(), "redis", -1);

        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stopped through its pid file");
        assertTrue(afterCrash.instancesOnDisk().isEmpty(), "its data is gone");
        assertFalse(Files.exists(root.resolve(spec.runtimeId())), "and so is the environment's directory");
    }

    @Test
    void shouldNeverSignalAProcessThatIsNotTheServer(@TempDir Path root) throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "30").start();
        try {
            LocalProcessDriver driver = driver(root);
            assertFalse(driver.adopt(EventIds.newId("env"), "redis", unrelated.pid()), "a recycled pid running something else is not adopted");
            driver.stop(EventIds.newId("env"), "redis", unrelated.pid());
            assertTrue(unrelated.isAlive(), "and it is not signalled");
        } finally {
            unrelated.destroyForcibly();
        }
    }

    /** Every PostgreSQL instance runs the same executable: only the one whose directory its arguments name is adopted. */
    @Test
    void shouldAdoptAPostgresProcessOnlyForTheInstanceWhoseDirectoryItServes(@TempDir Path root) throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        InstanceSpec spec = new InstanceSpec(EventIds.newId("env"), "postgresql", "15", freePort(), "p4ssword-for-the-test", null);
        LocalProcessDriver first = postgresDriver(root);
        long pid = first.start(spec);
        try {
            LocalProcessDriver afterCrash = postgresDriver(root);
            assertFalse(afterCrash.adopt(EventIds.newId("env"), "postgresql", pid), "another instance's record does not get it");
            afterCrash.stop(EventIds.newId("env"), "postgresql", pid);
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "nor is it signalled for that one");
            assertTrue(afterCrash.adopt(spec.runtimeId(), "postgresql", pid), "its own instance's record adopts it");
        } finally {
            first.destroy(spec.runtimeId(), "postgresql", pid);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void shouldConfineAnInstanceToItsTiersLimitsWhereCgroupsAreWritable(@TempDir Path root) throws Exception {
        Cgroups cgroups = new Cgroups("/sys/fs/cgroup", true);
        assumeTrue(cgroups.available(), "cgroup v1 memory/cpu/pids are not writable here: nothing to confine with");
        InstanceSpec spec = new InstanceSpec(EventIds.newId("env"), "redis", "7", freePort(), "p4ssword-for-the-test",
                new ResourceLimits(64L * 1024 * 1024, 250, 32));
        LocalProcessDriver driver = driver(root);
        long pid = driver.start(spec);
        try {
            String group = "/mockfactory/" + spec.runtimeId() + "-redis";
            String membership = Files.readString(Path.of("/proc/" + pid + "/cgroup"));
            assertTrue(membership.contains(":memory:" + group) && membership.contains(":pids:" + group), membership);
            assertEquals("67108864", Files.readString(cgroups.path("memory", spec.runtimeId(), "redis")
                    .resolve("memory.limit_in_bytes")).strip());
            assertEquals("25000", Files.readString(cgroups.path("cpu", spec.runtimeId(), "redis")
                    .resolve("cpu.cfs_quota_us")).strip());
            assertEquals("32", Files.readString(cgroups.path("pids", spec.runtimeId(), "redis").resolve("pids.max")).strip());
            assertTrue(RedisProtocol.answersPing(spec.port(), spec.password()));
        } finally {
            driver.destroy(spec.runtimeId(), "redis", pid);
        }
        assertFalse(Files.exists(cgroups.path("memory", spec.runtimeId(), "redis")), "the groups go with the instance");
    }

    @Test
    void shouldRunTheBundledRedisLineBesideTheMachinesOwn(@TempDir Path root) throws Exception {
        InstanceSpec spec = new InstanceSpec(EventIds.newId("env"), "redis", "6.2", freePort(), "p4ssword-for-the-test", null);
        LocalProcessDriver driver = driver(root);
        long pid = driver.start(spec);
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", spec.port())) {
            jedis.auth("default", spec.password());
            assertTrue(jedis.info("server").contains("redis_version:6.2."), "the 6.2 line runs");
            assertTrue(driver.adopt(spec.runtimeId(), "redis", pid), "and is recognised as the instance's server");
        } finally {
            driver.destroy(spec.runtimeId(), "redis", pid);
        }
    }

    @Test
    void shouldRunABundledPostgresMajorFromItsOwnTemplate(@TempDir Path root) throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
        InstanceSpec spec = new InstanceSpec(EventIds.newId("env"), "postgresql", "17", freePort(), "p4ss'word-for-the-test", null);
        LocalProcessDriver driver = postgresDriver(root);
        long pid = driver.start(spec);
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
                + spec.port() + "/testdb", "postgres", spec.password());
             java.sql.ResultSet rs = connection.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            assertTrue(rs.getString(1).startsWith("17."), rs.getString(1));
        } finally {
            driver.destroy(spec.runtimeId(), "postgresql", pid);
        }
    }

    @Test
    void shouldReportEveryVersionOfTheCatalogWithWhetherItCanRunHere(@TempDir Path parent) throws Exception {
        Path root = Files.createDirectories(parent.resolve("state"));
        assertFalse(postgresDriver(root).availability().get(0).available(), "the postgres user cannot reach a 0700 directory");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwx--x--x"));
        var versions = driver(root).availability();
        assertEquals(io.mockfactory.events.catalog.ServiceType.REDIS.versions(),
                versions.stream().map(io.mockfactory.events.catalog.Availability::version).toList());
        var postgres = postgresDriver(root).availability();
        assertEquals(io.mockfactory.events.catalog.ServiceType.POSTGRESQL.versions(),
                postgres.stream().map(io.mockfactory.events.catalog.Availability::version).toList());
        assertTrue(postgres.stream().allMatch(io.mockfactory.events.catalog.Availability::available), postgres.toString());
        var missing = new RedisRecipe("/nonexistent/redis-server", bundled(root)).availability().get(0);
        assertFalse(missing.available());
        assertTrue(missing.reason().contains("not installed") && missing.fix().contains("install"), missing.toString());
    }

    private static BundledRuntimes bundled(Path root) {
        return new BundledRuntimes("../instance-runtimes/target/archives", root.resolve("instances").toString());
    }

    private static LocalProcessDriver driver(Path root) {
        return new LocalProcessDriver(root.toString(), Duration.ofSeconds(20), List.of(new RedisRecipe("redis-server",
                bundled(root))), new Cgroups("/sys/fs/cgroup", true));
    }

    private static LocalProcessDriver postgresDriver(Path root) {
        java.util.Map<String, PostgresBuild> builds = new java.util.LinkedHashMap<>();
        builds.put("17", PostgresBuild.bundled("17", bundled(root)));
        builds.put("16", PostgresBuild.bundled("16", bundled(root)));
        builds.put("15", PostgresBuild.machine("15", "/usr/lib/postgresql/15/bin"));
        return new LocalProcessDriver(root.toString(), Duration.ofSeconds(30), List.of(new PostgresRecipe("postgresql", null,
                builds, root.toString(), "/tmp/mf-pg-it")), new Cgroups("/sys/fs/cgroup", true));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
