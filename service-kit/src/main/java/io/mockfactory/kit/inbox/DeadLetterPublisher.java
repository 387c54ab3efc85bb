package io.mockfactory.kit.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mockfactory.events.Topics;
import io.mockfactory.kit.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Moves a message that cannot be processed to {@code <topic>.dlq}: same key and value, original headers kept, and
 * headers saying which consumer gave up, why and where the message came from. Each move the broker acknowledged
 * counts in {@code messages_dead_lettered_total{topic}}, topic being the one the message came from.
 */
@Singleton
public class DeadLetterPublisher {
    static final String DEAD_LETTERED = "messages.dead.lettered";
    private static final int MAX_ERROR_LENGTH = 500;

    private final KafkaClients clients;
    private final MeterRegistry registry;
    private KafkaProducer<String, byte[]> producer;

    public DeadLetterPublisher(KafkaClients clients, MeterRegistry registry) {
        this.clients = clients;
        this.registry = registry;
    }

    /**
     * Shows the counter at 0 for topics this service consumes before anything is dead-lettered: an alert on
     * {@code increase()} cannot see the first message of a series that starts at 1.
     */
    public void countFrom(Collection<String> sourceTopics) {
        sourceTopics.forEach(this::deadLettered);
    }

    public void publish(ConsumerRecord<String, byte[]> record, String consumer, Throwable error)
            throws ExecutionException, InterruptedException, TimeoutException {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        header(headers, "dlq_error", describe(error));
        header(headers, "dlq_consumer", consumer);
        header(headers, "dlq_original_topic", record.topic());
        header(headers, "dlq_original_partition", String.valueOf(record.partition()));
        header(headers, "dlq_original_offset", String.valueOf(record.offset()));
        header(headers, "dlq_failed_at", Instant.now().toString());
        producer().send(new ProducerRecord<>(Topics.deadLetterOf(record.topic()), null, record.key(), record.value(),
                headers)).get(30, TimeUnit.SECONDS);
        deadLettered(record.topic()).increment();
    }

    /** Only topics the service subscribed to get here, so the label stays bounded. */
    private Counter deadLettered(String sourceTopic) {
        return Counter.builder(DEAD_LETTERED).tag("topic", sourceTopic)
                .description("Messages moved to the topic's dead-letter topic, by the topic they came from")
                .register(registry);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = clients.producer("dead-letters");
        }
        return producer;
    }

    /** The exception's class and message only: no stack trace, and nothing longer than a log line. */
    static String describe(Throwable error) {
        String text = error.getClass().getSimpleName() + ": " + error.getMessage();
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
    }

    private static void header(RecordHeaders headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
