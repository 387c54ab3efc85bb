package io.mockfactory.kit.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import io.mockfactory.kit.db.Transactions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code outbox_pending_rows} and {@code outbox_oldest_unpublished_age_seconds} (0 when nothing waits), read from this
 * service's own outbox: a backlog that grows or ages means the relay cannot reach Kafka.
 * <p>
 * Read every {@code mockfactory.metrics.outbox-interval} (5 s) rather than per scrape, so {@code /metrics} never waits
 * on the database; a failed read keeps the last numbers. Both parts of the query use the partial index on unpublished
 * rows. The oldest row is the one with the smallest id, which was drawn within its transaction, so the age is off by
 * at most one writer's transaction time. Every instance on a schema reports the same backlog (aggregate with max).
 */
@Singleton
@Requires(beans = DataSource.class)
public class OutboxMetrics implements ApplicationEventListener<StartupEvent> {
    static final String PENDING = "outbox.pending.rows";
    static final String OLDEST_AGE = "outbox.oldest.unpublished.age";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxMetrics.class);
    private static final String BACKLOG = "SELECT count(*), coalesce(extract(epoch FROM now() - (SELECT created_at "
            + "FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 1)), 0) FROM outbox WHERE published_at IS NULL";

    private final MeterRegistry registry;
    private final Transactions transactions;
    private volatile Backlog backlog;
    private boolean failing;

    public OutboxMetrics(MeterRegistry registry, Transactions transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    /** The schema migration (a @Context bean) has run by now, so the first read finds the table. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        refresh();
    }

    @Scheduled(fixedDelay = "${mockfactory.metrics.outbox-interval:5s}",
            initialDelay = "${mockfactory.metrics.outbox-interval:5s}")
    public synchronized void refresh() {
        try {
            Backlog read = transactions.read(OutboxMetrics::read);
            boolean first = backlog == null;
            backlog = read;
            if (first) {
                register();
            }
            failing = false;
        } catch (Exception e) {
            if (!failing) {
                LOG.warn("Outbox metrics not refreshed, the last numbers stand: {}", e.toString());
            }
            failing = true;
        }
    }

    private static Backlog read(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(BACKLOG); ResultSet rs = select.executeQuery()) {
            rs.next();
            return new Backlog(rs.getLong(1), rs.getDouble(2));
        }
    }

    /** Only after the first read: a gauge at 0 before it would claim an empty outbox nobody looked at. */
    private void register() {
        Gauge.builder(PENDING, this, metrics -> metrics.backlog.rows())
                .description("Outbox rows not yet published to Kafka").register(registry);
        Gauge.builder(OLDEST_AGE, this, metrics -> metrics.backlog.oldestAgeSeconds()).baseUnit("seconds")
                .description("How long the oldest unpublished outbox row has waited (0 when none)").register(registry);
    }

    private record Backlog(long rows, double oldestAgeSeconds) {
    }
}
