package io.mockfactory.e2e;

import io.micronaut.context.ApplicationContext;
import io.mockfactory.events.EventIds;
import io.mockfactory.events.ServiceSpec;
import io.mockfactory.events.Topics;
import io.mockfactory.events.command.CreateEnvironment;
import io.mockfactory.gateway.command.EnvironmentCommands;
import io.mockfactory.localstack.FreePorts;
import io.mockfactory.localstack.ServiceProcess;
import io.mockfactory.localstack.SharedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The foundation's proof, across two real services and the real broker: the gateway (in this JVM) publishes commands
 * through its outbox; environment-service (its own process, from its jar) consumes them into its read model.
 */
class CrossServiceReliabilityIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String CONSUMER_GROUP = "environment-service.projection";
    private static final int HALTED_BEFORE_OFFSET_COMMIT = 86;

    private static SharedInfrastructure infra;
    private static ApplicationContext gateway;
    private static Path logs;
    private ServiceProcess environmentService;

    @BeforeAll
    static void startGateway() throws Exception {
        OnLifecycleStack.closeSharedStack();
        infra = SharedInfrastructure.get();
        Map<String, Object> props = new HashMap<>(infra.serviceProperties("gateway"));
        props.put("mockfactory.outbox.poll-interval", "500ms");
        gateway = ApplicationContext.builder().properties(props).start();
        logs = Files.createTempDirectory("mockfactory-e2e-logs");
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @AfterEach
    void stopEnvironmentService() {
        if (!infra.kafka().isRunning()) {
            infra.kafka().start();
        }
        if (environmentService != null) {
            environmentService.stop(Duration.ofSeconds(15));
        }
    }

    @Test
    void shouldHandleACommandExactlyOnceWhenTheConsumerDiesBetweenItsCommitAndTheOffsetCommit() throws Exception {
        environmentService = startEnvironmentService(true);
        String environmentId = gateway.getBean(EnvironmentCommands.class).requestCreate("usr_e2e", create("crash-test"), EnvironmentCommands.Reservation.NONE);

        int exit = environmentService.waitForExit(WAIT);
        assertEquals(HALTED_BEFORE_OFFSET_COMMIT, exit, "environment-service should die at the injected fault:\n"
                + environmentService.logTail(20));
        assertEquals(1, count("SELECT count(*) FROM environments WHERE id = ?", environmentId),
                "its transaction committed before it died");

        environmentService = startEnvironmentService(false);
        awaitConsumerCaughtUp();

        assertEquals(1, count("SELECT count(*) FROM environments WHERE id = ?", environmentId));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE message_key = ? AND type = 'EnvironmentRequested'",
                environmentId), "the redelivered command must not announce the environment twice");
        Eventually.await("EnvironmentRequested in the history", WAIT, () -> count(
                "SELECT count(*) FROM environment_history WHERE environment_id = ? AND type = 'EnvironmentRequested'",
                environmentId) == 1);
        assertEquals("provisioning", status(environmentId));
    }

    @Test
    void shouldDeliverACommandCommittedWhileKafkaIsDownOnceItIsBack() throws Exception {
        environmentService = startEnvironmentService(false);
        infra.kafka().stop();
        String environmentId = gateway.getBean(EnvironmentCommands.class).requestCreate("usr_e2e", create("outage-test"), EnvironmentCommands.Reservation.NONE);
        Thread.sleep(2000);
        assertEquals(0, count("SELECT count(*) FROM environments WHERE id = ?", environmentId));

        infra.kafka().start();

        Eventually.await("the command to reach environment-service", WAIT,
                () -> count("SELECT count(*) FROM environments WHERE id = ?", environmentId) == 1);
    }

    @Test
    void shouldDeadLetterAPoisonMessageAndKeepConsumingThePartition() throws Exception {
        environmentService = startEnvironmentService(false);
        String environmentId = EventIds.newId("env");
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            producer.send(new ProducerRecord<>(Topics.ENVIRONMENT_COMMANDS, environmentId,
                    "\u0000 definitely not json".getBytes(StandardCharsets.UTF_8))).get();
        }
        EnvironmentCommands commands = gateway.getBean(EnvironmentCommands.class);
        commands.send("usr_e2e", environmentId, create("behind-the-poison"));

        Eventually.await("the command behind the poison message", WAIT,
                () -> count("SELECT count(*) FROM environments WHERE id = ?", environmentId) == 1);
        Eventually.await("the poison message in the dead-letter topic", WAIT,
                () -> endOffsetSum(Topics.deadLetterOf(Topics.ENVIRONMENT_COMMANDS)) >= 1);
    }

    private ServiceProcess startEnvironmentService(boolean haltBeforeOffsetCommit) throws Exception {
        Map<String, String> env = ServiceSettings.on(infra);
        env.put("MOCKFACTORY_OUTBOX_POLL_INTERVAL", "500ms");
        env.put("MOCKFACTORY_INBOX_INITIAL_BACKOFF", "50ms");
        if (haltBeforeOffsetCommit) {
            env.put("MOCKFACTORY_FAULTS_HALT_BEFORE_OFFSET_COMMIT", "true");
        }
        ServiceProcess process = ServiceProcess.start("environment-service", ServiceJars.of("environment-service"),
                FreePorts.pick(), env, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                logs.resolve("environment-service-" + System.nanoTime() + ".log"));
        if (!haltBeforeOffsetCommit) {
            process.awaitHealthy(WAIT);
        }
        return process;
    }

    private static CreateEnvironment create(String name) {
        return new CreateEnvironment(name, Map.of("redis", new ServiceSpec("7", Map.of())), 30, "beginner");
    }

    private static long count(String sql, String parameter) throws Exception {
        try (Connection connection = infra.postgres().connect()) {
            connection.setSchema("environment");
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, parameter);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    private static String status(String environmentId) throws Exception {
        try (Connection connection = infra.postgres().connect();
             PreparedStatement statement = connection.prepareStatement("SELECT status FROM environment.environments WHERE id = ?")) {
            statement.setString(1, environmentId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The consumer group has committed up to the end of the commands topic: every message there was handled. */
    private static void awaitConsumerCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()))) {
            Eventually.await("environment-service to commit its offsets", WAIT, () -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(CONSUMER_GROUP)
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, Long> ends = endOffsets(admin, Topics.ENVIRONMENT_COMMANDS);
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
            });
        }
    }

    private static long endOffsetSum(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()))) {
            return endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }
}
