package io.mockfactory.kit.outbox;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.mockfactory.kit.db.SchemaSettings;
import io.mockfactory.kit.db.Transactions;
import io.mockfactory.kit.kafka.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes committed outbox rows to Kafka in id order, keyed by aggregate id; since {@link OutboxWriter} serialises
 * the writers of one aggregate, each environment's (and user's) events reach Kafka in the order they committed, and
 * Kafka keeps them in order per key. A row is marked published only after the broker acknowledged it, so a crash or a
 * broker outage can repeat a message (consumers dedupe) but never lose one.
 * <p>
 * One relay per schema works at a time: the one holding a session advisory lock, on a connection of its own. Reading a
 * batch, sending it and marking it are three steps, the first and the last in short transactions of their own, so a
 * slow broker holds no database transaction and no lock but the relay's own.
 */
@Singleton
@Requires(beans = DataSource.class)
@Requires(property = "mockfactory.outbox.relay-enabled", notEquals = "false")
public class OutboxRelay implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);

    private final Transactions transactions;
    private final DataSource dataSource;
    private final KafkaClients kafkaClients;
    private final OutboxSettings settings;
    private final String schema;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(Transactions transactions, DataSource dataSource, KafkaClients kafkaClients,
                       OutboxSettings settings, SchemaSettings schema) {
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.kafkaClients = kafkaClients;
        this.settings = settings;
        this.schema = schema.getSchema();
    }

    static String channelFor(String schema) {
        return "mockfactory_outbox_" + schema;
    }

    @Override
    public synchronized void onApplicationEvent(StartupEvent event) {
        if (running) {
            return;
        }
        running = true;
        producer = kafkaClients.producer("outbox");
        thread = new Thread(this::relayUntilStopped, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    public synchronized void stop() throws InterruptedException {
        if (!running) {
            return;
        }
        running = false;
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(15));
        producer.close(Duration.ofSeconds(5));
    }

    private void relayUntilStopped() {
        int failures = 0;
        Instant nextCleanup = Instant.now().plus(CLEANUP_EVERY);
        try (OutboxWakeUps wakeUps = new OutboxWakeUps(dataSource, channelFor(schema));
             RelayLeadership leadership = new RelayLeadership(dataSource, channelFor(schema))) {
            while (running) {
                try {
                    int published = leadership.holds() ? publishBatch() : 0;
                    if (failures > 0) {
                        LOG.info("Outbox relay is publishing again after {} failed attempts", failures);
                        failures = 0;
                    }
                    if (Instant.now().isAfter(nextCleanup)) {
                        deletePublishedBefore(Instant.now().minus(settings.getRetention()));
                        nextCleanup = Instant.now().plus(CLEANUP_EVERY);
                    }
                    if (published < settings.getBatchSize()) {
                        wakeUps.await(settings.getPollInterval());
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    failures++;
                    if (failures == 1 || failures % 20 == 0) {
                        LOG.warn("Outbox relay cannot publish yet (attempt {}), rows stay queued: {}", failures, e.toString());
                    }
                    try {
                        Thread.sleep(Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(failures, 6)));
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    private int publishBatch() throws Exception {
        List<OutboxRow> rows = transactions.inTransaction(this::unpublished);
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            sends.add(producer.send(row.toRecord()));
        }
        for (Future<RecordMetadata> send : sends) {
            send.get(30, TimeUnit.SECONDS);
        }
        transactions.inTransaction(connection -> {
            markPublished(connection, rows);
            return null;
        });
        return rows.size();
    }

    private List<OutboxRow> unpublished(Connection connection) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, topic, message_key, type, "
                + "correlation_id, event_id, envelope FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ?")) {
            select.setInt(1, settings.getBatchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return rows;
    }

    private void markPublished(Connection connection, List<OutboxRow> rows) throws SQLException {
        Array ids = connection.createArrayOf("bigint", rows.stream().map(OutboxRow::id).toArray());
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox SET published_at = now() WHERE id = ANY(?)")) {
            update.setArray(1, ids);
            update.executeUpdate();
        }
    }

    private void deletePublishedBefore(Instant cutoff) throws Exception {
        int deleted = transactions.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM outbox WHERE published_at < ?")) {
                delete.setTimestamp(1, java.sql.Timestamp.from(cutoff));
                return delete.executeUpdate();
            }
        });
        LOG.debug("Deleted {} published outbox rows older than {}", deleted, cutoff);
    }

    private record OutboxRow(long id, String topic, String key, String type, String correlationId, String eventId,
                             String envelope) {
        ProducerRecord<String, byte[]> toRecord() {
            RecordHeaders headers = new RecordHeaders();
            headers.add("type", type.getBytes(StandardCharsets.UTF_8));
            headers.add("event_id", eventId.getBytes(StandardCharsets.UTF_8));
            if (correlationId != null) {
                headers.add("correlation_id", correlationId.getBytes(StandardCharsets.UTF_8));
            }
            return new ProducerRecord<>(topic, null, key, envelope.getBytes(StandardCharsets.UTF_8), headers);
        }
    }
}
