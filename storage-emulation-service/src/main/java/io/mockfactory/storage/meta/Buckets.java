package io.mockfactory.storage.meta;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Buckets, always within one environment: names are unique per environment, invisible across environments. */
@Singleton
public class Buckets {
    static final String COLUMNS = "id, environment_id, name, region, created_at, versioning";

    /** @return false if the environment already has a bucket of that name */
    public boolean create(Connection tx, String environmentId, String name, String region) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("""
                INSERT INTO buckets (environment_id, name, region) VALUES (?, ?, ?)
                ON CONFLICT (environment_id, name) DO NOTHING""")) {
            insert.setString(1, environmentId);
            insert.setString(2, name);
            insert.setString(3, region);
            return insert.executeUpdate() == 1;
        }
    }

    public Optional<Bucket> find(Connection connection, String environmentId, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM buckets WHERE environment_id = ? AND name = ?")) {
            select.setString(1, environmentId);
            select.setString(2, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    public Optional<Bucket> byId(Connection connection, long bucketId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM buckets WHERE id = ?")) {
            select.setLong(1, bucketId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    public List<Bucket> list(Connection connection, String environmentId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT %s FROM buckets WHERE environment_id = ?
                ORDER BY name COLLATE "C\"""".formatted(COLUMNS))) {
            select.setString(1, environmentId);
            List<Bucket> buckets = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    buckets.add(read(rows));
                }
            }
            return buckets;
        }
    }

    /** S3 never returns a bucket to "never versioned": only Enabled and Suspended are written. */
    public void setVersioning(Connection tx, long bucketId, String status) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE buckets SET versioning = ? WHERE id = ?")) {
            update.setString(1, status);
            update.setLong(2, bucketId);
            update.executeUpdate();
        }
    }

    /** Empty means no version of any key, delete markers included, as S3 requires before DeleteBucket. */
    public boolean isEmpty(Connection connection, long bucketId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM objects WHERE bucket_id = ? LIMIT 1")) {
            select.setLong(1, bucketId);
            try (ResultSet rows = select.executeQuery()) {
                return !rows.next();
            }
        }
    }

    /** Deletes the bucket and (cascading) its unfinished uploads. @return the blobs of those uploads' parts */
    public List<String> delete(Connection tx, long bucketId) throws SQLException {
        List<String> blobs = new ArrayList<>();
        try (PreparedStatement select = tx.prepareStatement("""
                SELECT p.blob_id FROM upload_parts p JOIN multipart_uploads u ON u.upload_id = p.upload_id
                WHERE u.bucket_id = ?""")) {
            select.setLong(1, bucketId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    blobs.add(rows.getString(1));
                }
            }
        }
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM buckets WHERE id = ?")) {
            delete.setLong(1, bucketId);
            delete.executeUpdate();
        }
        return blobs;
    }

    static Bucket read(ResultSet rows) throws SQLException {
        return new Bucket(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getTimestamp(5).toInstant(), rows.getString(6));
    }
}
