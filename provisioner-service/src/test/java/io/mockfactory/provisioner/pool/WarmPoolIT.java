package io.mockfactory.provisioner.pool;

import io.mockfactory.provisioner.ProvisionerTestProperties;
import io.micronaut.context.ApplicationContext;
import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.Message;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.Topics;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.events.command.DestroyEnvironment;
import io.mockfactory.events.command.StartEnvironment;
import io.mockfactory.events.command.StopEnvironment;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.secret.CredentialVault;
import io.mockfactory.localstack.SharedInfrastructure;
import io.mockfactory.provisioner.instance.ServiceInstance;
import io.mockfactory.provisioner.instance.ServiceInstances;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Warm pools with real redis-servers, driven the production way (CreateEnvironment commands on Kafka): leases under
 * concurrent creates, the password swap, the refill, a pool server that died, and a stop/start of a leased one.
 */
class WarmPoolIT {
    /** Below Linux's ephemeral range (32768-60999): no outgoing connection's source port can take one of these. */
    private static final int FIRST_PORT = 23200;
    private static final int PORTS = 80;
    private static final int POOL = 3;
    private static final EnvelopeCodec CODEC = new EnvelopeCodec();
    private static ApplicationContext context;
    private static KafkaProducer<String, byte[]> producer;
    private static Transactions transactions;
    private static ServiceInstances instances;
    private static PoolInstances pool;
    private static CredentialVault vault;
    private static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        dataDir = Files.createTempDirectory("instances");
        Map<String, Object> props = ProvisionerTestProperties.of(FIRST_PORT, PORTS, "redis=" + POOL, dataDir);
        props.put("micronaut.server.port", "-1");
        props.put("mockfactory.internal.token", "test-internal-token");
        props.put("mockfactory.provisioner.warm-pool.min-available-mib", 0);
        props.put("mockfactory.inbox.initial-backoff", "20ms");
        context = ApplicationContext.builder().properties(props).start();
        transactions = context.getBean(Transactions.class);
        instances = context.getBean(ServiceInstances.class);
        pool = context.getBean(PoolInstances.class);
        vault = context.getBean(CredentialVault.class);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void shouldLeaseEachWarmInstanceOnceUnderConcurrentCreatesAndSwapItsPassword() throws Exception {
        List<PoolInstance> stock = awaitReadyPool();
        Map<String, String> poolPasswords = new HashMap<>();
        for (PoolInstance instance : stock) {
            poolPasswords.put(instance.id(), vault.decrypt(instance.secret(), instance.secretBinding()));
        }

        List<String> environments = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            environments.add(EventIds.newId("env"));
        }
        environments.parallelStream().forEach(environmentId -> send(environmentId, new CreateEnvironment("pool-" + environmentId,
                Map.of("redis", new ServiceSpec("7", Map.of())), null, "beginner")));
        List<ServiceInstance> running = await("50 running instances", () -> {
            List<ServiceInstance> all = new ArrayList<>();
            for (String environmentId : environments) {
                transactions.read(tx -> instances.find(tx, environmentId, "redis")).ifPresent(all::add);
            }
            return all;
        }, all -> all.size() == 50 && all.stream().allMatch(instance -> "running".equals(instance.status())));

        assertEquals(50, running.stream().map(ServiceInstance::pid).distinct().count(), "one server per environment");
        assertEquals(50, running.stream().map(ServiceInstance::port).distinct().count(), "one port per environment");
        List<ServiceInstance> leased = running.stream().filter(instance -> instance.runtimeId() != null).toList();
        assertEquals(leased.size(), leased.stream().map(ServiceInstance::runtimeId).distinct().count(), "no warm instance leased twice");
        assertTrue(leased.stream().map(ServiceInstance::runtimeId).toList().containsAll(poolPasswords.keySet()),
                "the " + POOL + " ready instances went to environments: " + leased.stream().map(ServiceInstance::runtimeId).toList());
        for (ServiceInstance instance : running) {
            String password = vault.decrypt(instance.secret(), instance.secretBinding());
            try (Jedis redis = new Jedis("127.0.0.1", instance.port())) {
                String poolPassword = poolPasswords.get(instance.runtimeId());
                if (poolPassword != null) {
                    assertFalse(poolPassword.equals(password));
                    assertThrows(JedisDataException.class, () -> redis.auth(poolPassword), "the pool's password no longer works");
                }
                assertEquals("OK", redis.auth(password));
                assertEquals(0L, redis.dbSize(), "a leased instance has never held data");
            }
        }
        for (ServiceInstance instance : leased) {
            String config = Files.readString(dataDir.resolve(instance.runtimeId()).resolve("redis").resolve("redis.conf"));
            assertFalse(poolPasswords.getOrDefault(instance.runtimeId(), "-").isEmpty() || config.contains(
                    poolPasswords.getOrDefault(instance.runtimeId(), "\u0000")), "the config no longer holds the pool's password");
        }

        awaitReadyPool();
        environments.forEach(environmentId -> send(environmentId, new DestroyEnvironment("test")));
        await("every environment's instance gone", () -> {
            try (Stream<Path> dirs = Files.list(dataDir)) {
                return dirs.map(dir -> dir.getFileName().toString()).filter(name -> name.startsWith("env_")
                        || leased.stream().anyMatch(instance -> name.equals(instance.runtimeId()))).toList();
            }
        }, List::isEmpty);
        // Awaited, not read once: a destroy removes the directory before its transaction gives the port back, and a
        // refill may be warming a replacement for a pool server that died under the burst
        await("only the refilled pool to hold ports", WarmPoolIT::allocatedPorts, ports -> ports == POOL);
    }

    @Test
    void shouldStartAFreshServerWhenTheLeasedOneDied() throws Exception {
        for (PoolInstance instance : awaitReadyPool()) {
            ProcessHandle.of(instance.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
        String environmentId = EventIds.newId("env");
        send(environmentId, new CreateEnvironment("dead-pool", Map.of("redis", new ServiceSpec("7", Map.of())), null, "beginner"));
        ServiceInstance instance = awaitStatus(environmentId, "running");
        assertNull(instance.runtimeId(), "a dead warm instance is never handed out: the environment got its own server");
        try (Jedis redis = new Jedis("127.0.0.1", instance.port())) {
            assertEquals("OK", redis.auth(vault.decrypt(instance.secret(), instance.secretBinding())));
        }
        send(environmentId, new DestroyEnvironment("test"));
        awaitStatus(environmentId, "destroyed");
    }

    @Test
    void shouldKeepTheEnvironmentsPasswordAcrossAStopAndStartOfALeasedInstance() throws Exception {
        awaitReadyPool();
        String environmentId = EventIds.newId("env");
        send(environmentId, new CreateEnvironment("restart", Map.of("redis", new ServiceSpec("7", Map.of())), null, "beginner"));
        ServiceInstance leased = awaitStatus(environmentId, "running");
        assertNotNull(leased.runtimeId(), "leased from the pool");
        String password = vault.decrypt(leased.secret(), leased.secretBinding());
        try (Jedis redis = new Jedis("127.0.0.1", leased.port())) {
            redis.auth(password);
            redis.set("kept", "across a restart");
        }
        send(environmentId, new StopEnvironment("test"));
        awaitStatus(environmentId, "stopped");
        send(environmentId, new StartEnvironment());
        ServiceInstance restarted = awaitStatus(environmentId, "running");
        assertEquals(leased.runtimeId(), restarted.runtimeId());
        try (Jedis redis = new Jedis("127.0.0.1", restarted.port())) {
            redis.auth(password);
            assertEquals("across a restart", redis.get("kept"));
        }
        send(environmentId, new DestroyEnvironment("test"));
        awaitStatus(environmentId, "destroyed");
        assertFalse(Files.exists(dataDir.resolve(leased.runtimeId())), "its directory goes with it");
    }

    private static List<PoolInstance> awaitReadyPool() throws Exception {
        return await(POOL + " ready warm instances", () -> transactions.read(pool::all),
                all -> all.size() == POOL && all.stream().allMatch(i -> PoolInstance.READY.equals(i.status())
                        && ProcessHandle.of(i.pid()).map(ProcessHandle::isAlive).orElse(false)));
    }

    private static ServiceInstance awaitStatus(String environmentId, String status) throws Exception {
        return await(environmentId + " " + status, () -> transactions.read(tx -> instances.find(tx, environmentId, "redis")),
                found -> found.isPresent() && status.equals(found.get().status())).orElseThrow();
    }

    private static long allocatedPorts() throws Exception {
        return transactions.read(tx -> {
            try (var rs = tx.createStatement().executeQuery("SELECT count(*) FROM port_allocations")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static <T> T await(String what, Callable<T> read, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = read.call();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        return fail("timed out waiting for " + what + "; last seen " + last);
    }

    private static void send(String environmentId, Message command) {
        EventEnvelope envelope = EventEnvelope.of(command).withEnvironmentId(environmentId).withUserId("usr_pool");
        try {
            producer.send(new ProducerRecord<>(Topics.ENVIRONMENT_COMMANDS, environmentId, CODEC.encode(envelope))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
