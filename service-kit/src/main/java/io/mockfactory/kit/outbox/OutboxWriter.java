package io.mockfactory.kit.outbox;

import io.mockfactory.events.EnvelopeCodec;
import io.mockfactory.events.EventEnvelope;
import io.mockfactory.kit.db.SchemaSettings;
import io.mockfactory.kit.web.RequestCorrelation;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Records an event in the outbox on the caller's transaction, so it is published if and only if the state change
 * it describes commits. The relay does the publishing.
 * <p>
 * Events of one aggregate (the message key: an environment or a user) are appended one transaction at a time: the
 * append takes a transaction-scoped advisory lock on the key, so a second writer of the same key waits for the first
 * to commit. Its row then gets the larger id <em>and</em> commits later, and the relay, reading committed rows in id
 * order, publishes each aggregate's events in commit order. (Ids alone are not commit order: two writers can commit in
 * the other order than they drew their ids.) Rows of different keys keep no order between them.
 */
@Singleton
public class OutboxWriter {
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final RequestCorrelation correlation;
    private final String wakeUpChannel;

    public OutboxWriter(RequestCorrelation correlation, SchemaSettings schema) {
        this.correlation = correlation;
        this.wakeUpChannel = OutboxRelay.channelFor(schema.getSchema());
    }

    /** @return the envelope as stored, with the current correlation id filled in if it had none */
    public EventEnvelope append(Connection transaction, EventEnvelope envelope) throws SQLException {
        EventEnvelope stored = envelope.correlationId() != null ? envelope
                : envelope.withCorrelationId(correlation.current().orElse(null));
        // The two-key form: its lock space is not the one-key space of the relay's leadership lock, so no aggregate's
        // hash can ever collide with it
        try (PreparedStatement lock = transaction.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtext('outbox'), hashtext(?))")) {
            lock.setString(1, stored.partitionKey());
            lock.execute();
        }
        try (PreparedStatement insert = transaction.prepareStatement(
                "INSERT INTO outbox (event_id, topic, message_key, type, correlation_id, envelope) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, stored.eventId());
            insert.setString(2, stored.topic());
            insert.setString(3, stored.partitionKey());
            insert.setString(4, stored.type());
            insert.setString(5, stored.correlationId());
            insert.setString(6, codec.encodeToString(stored));
            insert.executeUpdate();
        }
        // Delivered only on commit, and folded into one notification per transaction by PostgreSQL
        try (PreparedStatement notify = transaction.prepareStatement("SELECT pg_notify(?, '')")) {
            notify.setString(1, wakeUpChannel);
            notify.execute();
        }
        return stored;
    }
}
