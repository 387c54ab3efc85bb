package io.mockfactory.storage.quota;

import io.mockfactory.events.EventEnvelope;
import io.mockfactory.events.Topics;
import io.mockfactory.events.snapshot.SnapshotCreated;
import io.mockfactory.events.snapshot.SnapshotDeleted;
import io.mockfactory.kit.inbox.InboxHandler;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Set;

/**
 * Snapshots count against the storage quota as objects do: their sizes, as the provisioner announces them, are kept
 * per user here, where the quota and the live usage are summed. Redelivered events change nothing.
 */
@Singleton
public class SnapshotStorage implements InboxHandler {
    /** The bytes a user's snapshots hold, to add to a sum over their objects (one parameter: the user id). */
    static final String USER_SNAPSHOT_BYTES = "(SELECT COALESCE(SUM(bytes), 0) FROM snapshot_storage WHERE user_id = ?)";

    @Override
    public String consumerName() {
        return "storage-snapshots";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ENVIRONMENT_EVENTS);
    }

    @Override
    public void handle(EventEnvelope event, Connection tx) throws Exception {
        if (event.payload() instanceof SnapshotCreated created && event.userId() != null) {
            try (PreparedStatement insert = tx.prepareStatement("INSERT INTO snapshot_storage (snapshot_id, user_id, bytes)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, created.snapshotId());
                insert.setString(2, event.userId());
                insert.setLong(3, created.sizeBytes());
                insert.executeUpdate();
            }
        } else if (event.payload() instanceof SnapshotDeleted deleted) {
            try (PreparedStatement delete = tx.prepareStatement("DELETE FROM snapshot_storage WHERE snapshot_id = ?")) {
                delete.setString(1, deleted.snapshotId());
                delete.executeUpdate();
            }
        }
    }
}
