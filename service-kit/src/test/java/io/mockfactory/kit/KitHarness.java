package io.mockfactory.kit;

import io.micronaut.context.ApplicationContext;
import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.EventIds;
import io.mockfactory.localstack.SharedInfrastructure;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.outbox.OutboxWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** A kit-only service context on the shared real Kafka and PostgreSQL, with its own schema and consumer group. */
final class KitHarness implements AutoCloseable {
    final SharedInfrastructure infra = SharedInfrastructure.get();
    final String schema;
    final ApplicationContext context;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    KitHarness(Map<String, Object> extra) {
        this.schema = "kit_" + EventIds.newId("t").substring(2, 12).toLowerCase().replaceAll("[^a-z0-9]", "x");
        Map<String, Object> props = new HashMap<>(infra.serviceProperties(schema));
        props.put("micronaut.application.name", "kit-test-" + schema);
        props.put("mockfactory.inbox.initial-backoff", "20ms");
        props.put("mockfactory.inbox.max-attempts", "3");
        props.put("mockfactory.outbox.poll-interval", "200ms");
        props.putAll(extra);
        this.context = ApplicationContext.builder().properties(props).start();
    }

    void appendToOutbox(EventEnvelope envelope) throws Exception {
        context.getBean(Transactions.class).inTransaction(connection ->
                context.getBean(OutboxWriter.class).append(connection, envelope));
    }

    long count(String sql, String parameter) throws Exception {
        try (Connection connection = infra.postgres().connect()) {
            connection.setSchema(schema);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, parameter);
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    long effectsFor(String environmentId) throws Exception {
        return count("SELECT count(*) FROM recorded_effects WHERE environment_id = ?", environmentId);
    }

    void produceRaw(String topic, String key, byte[] value) throws Exception {
        produceRaw(topic, null, key, value);
    }

    /** To a given partition, or to the key's when {@code partition} is null. */
    void produceRaw(String topic, Integer partition, String key, byte[] value) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        }
    }

    void produce(EventEnvelope envelope) throws Exception {
        produceRaw(envelope.topic(), envelope.partitionKey(), codec.encode(envelope));
    }

    /** Every record of {@code key} on {@code topic}, in partition order, once {@code count} of them have arrived. */
    List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key, int count, Duration timeout) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + EventIds.newId("g"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && found.size() < count) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError(found.size() + " of " + count + " records of " + key + " on " + topic + " within " + timeout);
        }
        return found;
    }

    /** Reads {@code topic} from the start until a record matches, or fails after the timeout. */
    ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
                                                Duration timeout) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + EventIds.newId("g"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no matching record on " + topic + " within " + timeout);
    }

    static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<Exception> last = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (Exception e) {
                last.clear();
                last.add(e);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last.isEmpty() ? "" : " (last error: " + last.get(0) + ")"));
    }

    @Override
    public void close() {
        context.close();
    }
}
