package io.mockfactory.environment.readmodel;

import io.mockfactory.kit.db.SchemaSettings;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Says "this environment's status changed" on a PostgreSQL channel of this schema, from the transaction that changed
 * it: PostgreSQL delivers the notification when (and only if) that transaction commits, so a waiter that re-reads on
 * it sees the change.
 */
@Singleton
public class StatusChanges {
    private final String channel;

    public StatusChanges(SchemaSettings schema) {
        this.channel = channelFor(schema.getSchema());
    }

    public static String channelFor(String schema) {
        return "mockfactory_environment_status_" + schema;
    }

    public String channel() {
        return channel;
    }

    void signal(Connection tx, String environmentId) throws SQLException {
        try (PreparedStatement notify = tx.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, environmentId);
            notify.execute();
        }
    }
}
