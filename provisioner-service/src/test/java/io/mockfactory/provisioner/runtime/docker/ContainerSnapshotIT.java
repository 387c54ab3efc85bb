package io.mockfactory.provisioner.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import io.mockfactory.provisioner.runtime.DataCopies;
import io.mockfactory.provisioner.runtime.InstanceSpec;
import io.mockfactory.provisioner.runtime.RedisProtocol;
import io.mockfactory.provisioner.runtime.ResourceLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.mockfactory.provisioner.runtime.docker.DockerInstances.IMAGES;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.READINESS;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.connect;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.encode;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.firstMatch;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.redis;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.scalar;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.spec;
import static io.mockfactory.provisioner.runtime.docker.DockerInstances.sqs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots of containers against a real engine: each type's data copied out of a running (or stopped) container
 * through the archive API, into a new container that serves it with its own password, each side then on its own.
 * Every call goes through the compose deployment's socket proxy ({@link SocketProxy}), whose allow-list once refused
 * the entry-by-entry copy of PostgreSQL only in compose.
 */
class ContainerSnapshotIT {
    private static SocketProxy proxy;
    private static DockerClient docker;

    @BeforeAll
    static void connectThroughTheSocketProxy() throws Exception {
        DockerInstances.engine();
        proxy = SocketProxy.start(System.getenv("DOCKER_HOST"));
        docker = DockerClients.connect(proxy.host());
    }

    @AfterAll
    static void stopTheProxy() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static DockerRuntimeDriver driver() {
        return new DockerRuntimeDriver(docker, IMAGES, SocketProxy.NETWORK, READINESS);
    }

    /** A copy made while the source runs goes into a new container, which serves it with its own password. */
    @Test
    void shouldSnapshotRunningRedisIntoANewContainerThatKeepsItsOwnWrites() throws Exception {
        DockerRuntimeDriver driver = driver();
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

    /** An RDB file (a Redis seed's upload, fetched here with redis-cli --rdb) goes in as a new container's data. */
    @Test
    void shouldLoadAnRdbFileIntoANewContainer() throws Exception {
        DockerRuntimeDriver driver = driver();
        InstanceSpec source = spec("redis", null);
        InstanceSpec seeded = spec("redis", null);
        Path dir = Files.createTempDirectory("mf-docker-rdb");
        try {
            driver.start(source);
            try (Jedis redis = redis(source)) {
                for (int i = 0; i < 500; i++) {
                    redis.set("key:" + i, "value " + i);
                }
            }
            Path rdb = dir.resolve("upload.rdb");
            Process cli = new ProcessBuilder("redis-cli", "-p", String.valueOf(source.port()), "--user", "default",
                    "--pass", source.password(), "--no-auth-warning", "--rdb", rdb.toString()).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, cli.waitFor(), output);
            driver.stageRedisDump(rdb, dir.resolve("staged"));
            assertFalse(Files.exists(rdb), "the fetched file is moved into the staged copy");
            driver.restore(seeded, dir.resolve("staged"));
            long pid = driver.start(seeded);
            try (Jedis redis = redis(seeded)) {
                assertEquals(500, redis.dbSize());
                assertEquals("value 499", redis.get("key:499"));
                redis.set("after", "the load");
            }
            driver.stop(seeded.runtimeId(), "redis", pid);
            driver.start(seeded);
            try (Jedis redis = redis(seeded)) {
                assertEquals("the load", redis.get("after"), "it appends to its own file from then on");
            }
        } finally {
            driver.destroy(source.runtimeId(), "redis", -1);
            driver.destroy(seeded.runtimeId(), "redis", -1);
            DataCopies.remove(dir);
        }
    }

    /** A base backup through the archive API, recovered by the new container's entrypoint, which sets the new password. */
    @Test
    void shouldSnapshotRunningPostgresIntoANewContainerRecoveredWithItsOwnPassword() throws Exception {
        DockerRuntimeDriver driver = driver();
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
            String container = DockerRuntimeDriver.containerName(source.runtimeId(), "postgresql");
            DockerException refused = assertThrows(DockerException.class, () -> docker.copyArchiveFromContainerCmd(container,
                    "/var/lib/mockfactory/data/../../../../etc/mockfactory").exec().close(), "no path climbs out of the data directory");
            assertEquals(403, refused.getHttpStatus(), refused.getMessage());
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
        DockerRuntimeDriver driver = driver();
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

    /** Stopped servers shut down cleanly: their files are copied as they are, and a new container starts from them. */
    @Test
    void shouldSnapshotStoppedContainersOfEveryType() throws Exception {
        DockerRuntimeDriver driver = driver();
        Path snapshot = Files.createTempDirectory("mf-docker-snapshot");
        InstanceSpec redis = spec("redis", null);
        InstanceSpec postgres = spec("postgresql", null);
        InstanceSpec queues = spec("elasticmq", null);
        List<InstanceSpec> sources = List.of(redis, postgres, queues);
        List<InstanceSpec> branches = List.of(spec("redis", null), spec("postgresql", null), spec("elasticmq", null));
        try {
            long[] pids = {driver.start(redis), driver.start(postgres), driver.start(queues)};
            try (Jedis client = redis(redis)) {
                client.set("kept", "across the stop");
            }
            try (Connection db = connect(postgres, postgres.password()); Statement sql = db.createStatement()) {
                sql.execute("CREATE TABLE rows AS SELECT n FROM generate_series(1, 5000) n");
            }
            String queueUrl = firstMatch(sqs(queues.port(), "Action=CreateQueue&QueueName=orders"), "<QueueUrl>(.*?)</QueueUrl>");
            sqs(queues.port(), "Action=SendMessage&QueueUrl=" + encode(queueUrl) + "&MessageBody=queued");
            for (int i = 0; i < sources.size(); i++) {
                driver.stop(sources.get(i).runtimeId(), sources.get(i).service(), pids[i]);
                assertTrue(driver.snapshotStopped(sources.get(i), snapshot.resolve(sources.get(i).service())) > 0);
                driver.restore(branches.get(i), snapshot.resolve(sources.get(i).service()));
                driver.start(branches.get(i));
            }
            try (Jedis client = redis(branches.get(0))) {
                assertEquals("across the stop", client.get("kept"));
            }
            assertEquals(5000.0, scalar(branches.get(1), "SELECT count(*) FROM rows"), 0);
            assertThrows(SQLException.class, () -> connect(branches.get(1), postgres.password()).close());
            String branchQueue = firstMatch(sqs(branches.get(2).port(), "Action=GetQueueUrl&QueueName=orders"),
                    "<QueueUrl>(.*?)</QueueUrl>");
            assertEquals("queued", firstMatch(sqs(branches.get(2).port(), "Action=ReceiveMessage&QueueUrl="
                    + encode(branchQueue) + "&WaitTimeSeconds=1"), "<Body>(.*?)</Body>"));
        } finally {
            for (InstanceSpec spec : sources) {
                driver.destroy(spec.runtimeId(), spec.service(), -1);
            }
            for (InstanceSpec spec : branches) {
                driver.destroy(spec.runtimeId(), spec.service(), -1);
            }
            DataCopies.remove(snapshot);
        }
    }
}
