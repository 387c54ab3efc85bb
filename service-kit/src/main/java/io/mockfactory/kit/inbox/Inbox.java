package io.mockfactory.kit.inbox;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The processed-events table: claiming an event id that is already there means "already done". */
@Singleton
public class Inbox {

    /** @return true if this consumer had not processed the event before (the claim commits with the caller's work) */
    public boolean claim(Connection transaction, String consumer, String eventId) throws SQLException {
        try (PreparedStatement insert = transaction.prepareStatement(
                "INSERT INTO inbox (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, eventId);
            return insert.executeUpdate() == 1;
        }
    }
}
