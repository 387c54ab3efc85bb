package io.mockfactory.kit.kafka;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.mockfactory.events.Topics;
import jakarta.annotation.PostConstruct;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Makes sure every MockFactory topic and its dead-letter topic exist, whichever service starts first. The broker's
 * auto-creation is off so that a typo in a topic name fails loudly instead of creating a topic nobody reads.
 */
@Context
@Requires(property = "mockfactory.kafka.create-topics", notEquals = "false")
public class TopicInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);
    private static final List<String> TOPICS = List.of(Topics.ENVIRONMENT_COMMANDS, Topics.ENVIRONMENT_EVENTS,
            Topics.USER_EVENTS, Topics.BILLING_EVENTS);

    private final KafkaClients clients;
    private final KafkaSettings settings;

    public TopicInitializer(KafkaClients clients, KafkaSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    @PostConstruct
    void createMissingTopics() throws InterruptedException {
        List<NewTopic> wanted = new ArrayList<>();
        for (String topic : TOPICS) {
            wanted.add(new NewTopic(topic, settings.getPartitions(), settings.getReplicationFactor()));
            wanted.add(new NewTopic(Topics.deadLetterOf(topic), 1, settings.getReplicationFactor()));
        }
        try (Admin admin = clients.admin()) {
            var result = admin.createTopics(wanted);
            for (NewTopic topic : wanted) {
                try {
                    result.values().get(topic.name()).get(30, TimeUnit.SECONDS);
                    LOG.info("Created topic {}", topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic.name() + ": " + e.getCause(), e);
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("Kafka at " + settings.getBootstrapServers()
                            + " did not answer within 30 s while creating topic " + topic.name(), e);
                }
            }
        }
    }
}
