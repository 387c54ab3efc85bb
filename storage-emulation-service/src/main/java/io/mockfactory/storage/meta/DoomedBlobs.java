package io.mockfactory.storage.meta;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blob deletions owed to the store, written in the transaction that drops the last reference: the metadata change and
 * the promise to delete commit together, and {@code BlobJanitor} keeps the promise (again after a crash).
 */
@Singleton
public class DoomedBlobs {
    private static final Duration HOLD_MARGIN = Duration.ofMinutes(1);
    private final Set<Hold> holds = ConcurrentHashMap.newKeySet();

    public record Doomed(long id, String namespace, String blobId) {
        public boolean wholeNamespace() {
            return blobId == null;
        }
    }

    public void doom(Connection tx, String namespace, Collection<String> blobIds) throws SQLException {
        if (blobIds.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO doomed_blobs (namespace, blob_id) VALUES (?, ?)")) {
            for (String blobId : blobIds) {
                insert.setString(1, namespace);
                insert.setString(2, blobId);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public void doomNamespace(Connection tx, String namespace) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO doomed_blobs (namespace, blob_id) VALUES (?, NULL)")) {
            insert.setString(1, namespace);
            insert.executeUpdate();
        }
    }

    /**
     * Holds back the deletion of blobs doomed from now on (and a minute before, for transactions that began earlier
     * and commit during the hold) until the hold is closed: a snapshot copies the metadata as of one instant and then
     * links the blobs that metadata names, which an object deleted meanwhile must not have lost yet.
     */
    public Hold hold() {
        Hold hold = new Hold(Instant.now().minus(HOLD_MARGIN));
        holds.add(hold);
        return hold;
    }

    public final class Hold implements AutoCloseable {
        private final Instant since;

        private Hold(Instant since) {
            this.since = since;
        }

        @Override
        public void close() {
            holds.remove(this);
        }
    }

    /** The next doomed blobs to delete, leaving those a hold keeps. */
    public List<Doomed> next(Connection connection, int limit) throws SQLException {
        Instant heldFrom = holds.stream().map(hold -> hold.since).min(Instant::compareTo).orElse(null);
        try (PreparedStatement select = connection.prepareStatement("SELECT id, namespace, blob_id FROM doomed_blobs"
                + " WHERE (?::timestamptz IS NULL OR doomed_at < ?::timestamptz) ORDER BY id LIMIT ?")) {
            Timestamp held = heldFrom == null ? null : Timestamp.from(heldFrom);
            select.setTimestamp(1, held);
            select.setTimestamp(2, held);
            select.setInt(3, limit);
            List<Doomed> doomed = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    doomed.add(new Doomed(rows.getLong(1), rows.getString(2), rows.getString(3)));
                }
            }
            return doomed;
        }
    }

    public void done(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM doomed_blobs WHERE id = ANY (?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            delete.executeUpdate();
        }
    }
}
