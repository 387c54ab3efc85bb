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
