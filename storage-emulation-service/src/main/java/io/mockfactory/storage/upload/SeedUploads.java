package io.mockfactory.storage.upload;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The seed_uploads rows (V11). */
@Singleton
public class SeedUploads {
    private static final String COLUMNS = "id, user_id, name, format, size, sha256, namespace, blob_id, created_at";

    /** @return false when a row with this id is already there (a retried upload) */
    public boolean insert(Connection tx, SeedUpload upload) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO seed_uploads (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            insert.setString(1, upload.id());
            insert.setString(2, upload.userId());
            insert.setString(3, upload.name());
            insert.setString(4, upload.format().wireName());
            insert.setLong(5, upload.size());
            insert.setString(6, upload.sha256());
            insert.setString(7, upload.namespace());
            insert.setString(8, upload.blobId());
            insert.setObject(9, java.sql.Timestamp.from(upload.createdAt()));
            return insert.executeUpdate() == 1;
        }
    }

    /** Any user's: what a retry with an id already taken finds. */
    public Optional<SeedUpload> byId(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM seed_uploads WHERE id = ?")) {
            select.setString(1, id);
            return read(select).stream().findFirst();
        }
    }

    /** The owner's upload: another user's is the same empty answer as none. */
    public Optional<SeedUpload> owned(Connection connection, String id, String userId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM seed_uploads WHERE id = ? AND user_id = ?")) {
            select.setString(1, id);
            select.setString(2, userId);
            List<SeedUpload> found = read(select);
            return found.stream().findFirst();
        }
    }

    /** Newest first (ids are random, so the order is creation time, then id), after the cursor's row. */
    public List<SeedUpload> list(Connection connection, String userId, String after, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM seed_uploads"
                + " WHERE user_id = ? AND (?::text IS NULL OR (created_at, id) < (SELECT created_at, id FROM seed_uploads"
                + " WHERE id = ? AND user_id = ?)) ORDER BY created_at DESC, id DESC LIMIT ?")) {
            select.setString(1, userId);
            select.setString(2, after);
            select.setString(3, after);
            select.setString(4, userId);
            select.setInt(5, limit);
            return read(select);
        }
    }

    /** @return the row deleted, if the owner had it */
    public Optional<SeedUpload> delete(Connection tx, String id, String userId) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM seed_uploads WHERE id = ? AND user_id = ?"
                + " RETURNING " + COLUMNS)) {
            delete.setString(1, id);
            delete.setString(2, userId);
            return read(delete).stream().findFirst();
        }
    }

    private static List<SeedUpload> read(PreparedStatement select) throws SQLException {
        List<SeedUpload> rows = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                rows.add(new SeedUpload(row.getString(1), row.getString(2), row.getString(3),
                        UploadFormat.byWireName(row.getString(4)).orElseThrow(), row.getLong(5), row.getString(6),
                        row.getString(7), row.getString(8), row.getTimestamp(9).toInstant()));
            }
        }
        return rows;
    }
}
