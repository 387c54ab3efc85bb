package io.mockfactory.kit.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code kafka_consumer_group_lag{group,topic}}: how many messages each consumer group of this service still has to
 * read, per topic, read from the brokers every {@code mockfactory.metrics.consumer-lag-interval} (15 s). The groups are
 * the ones the kit's consumers declare through {@link #track}; their values are bounded (one per handler and topic).
 * <p>
 * A series appears after its first reading, so it never shows a lag of 0 nobody measured; while Kafka cannot be asked,
 * the last readings stand (the health check reports the broker itself).
 */
@Singleton
public class ConsumerLagMetrics {
    static final String LAG = "kafka.consumer.group.lag";
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLagMetrics.class);

    private final KafkaClients clients;
    private final MeterRegistry registry;
    private final Map<String, Set<String>> topicsByGroup = new ConcurrentHashMap<>();
    /** Held here because Micrometer holds gauge state weakly. */
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final Object refreshing = new Object();
    private Admin admin;
    private boolean closed;
    private boolean failing;

    public ConsumerLagMetrics(KafkaClients clients, MeterRegistry registry) {
        this.clients = clients;
        this.registry = registry;
    }

    /** Measures {@code group}'s lag on {@code topics} from the next refresh on. */
    public void track(String group, Set<String> topics) {
        topicsByGroup.merge(group, Set.copyOf(topics), (known, more) -> {
            Set<String> all = new TreeSet<>(known);
            all.addAll(more);
            return Set.copyOf(all);
        });
    }

    @Scheduled(fixedDelay = "${mockfactory.metrics.consumer-lag-interval:15s}",
            initialDelay = "${mockfactory.metrics.consumer-lag-interval:15s}")
    public void refresh() {
        if (topicsByGroup.isEmpty()) {
            return;
        }
        synchronized (refreshing) {
            try {
                Set<String> topics = new TreeSet<>();
                topicsByGroup.values().forEach(topics::addAll);
                ConsumerLag reading = ConsumerLag.read(admin(), topics);
                for (Map.Entry<String, Set<String>> group : topicsByGroup.entrySet()) {
                    reading.byTopic(group.getKey(), group.getValue())
                            .forEach((topic, lag) -> gauge(group.getKey(), topic).set(lag));
                }
                failing = false;
            } catch (Exception e) {
                if (!failing) {
                    LOG.warn("Consumer lag not measured, the last readings stand: {}", e.toString());
                }
                failing = true;
            }
        }
    }

    private AtomicLong gauge(String group, String topic) {
        return lags.computeIfAbsent(group + '\n' + topic, key -> {
            AtomicLong lag = new AtomicLong();
            Gauge.builder(LAG, lag, AtomicLong::get).tags("group", group, "topic", topic)
                    .description("Messages on the topic the consumer group has not committed yet").register(registry);
            return lag;
        });
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new IllegalStateException("shutting down");
        }
        if (admin == null) {
            admin = clients.admin();
        }
        return admin;
    }

    /** Not behind the refresh lock: closing the (thread-safe) client also ends a refresh waiting on a dead broker. */
    @PreDestroy
    synchronized void close() {
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
