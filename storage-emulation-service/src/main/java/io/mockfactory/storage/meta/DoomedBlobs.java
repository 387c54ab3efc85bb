package io.mockfactory.storage.meta;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Blob deletions owed to the store, written in the transaction that drops the last reference: the metadata change and
 * the promise to delete commit together, and {@code BlobJanitor} keeps the promise (again after a crash).
 */
@Singleton
public class DoomedBlobs {

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

    public List<Doomed> next(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, namespace, blob_id FROM doomed_blobs ORDER BY id LIMIT ?")) {
            select.setInt(1, limit);
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
