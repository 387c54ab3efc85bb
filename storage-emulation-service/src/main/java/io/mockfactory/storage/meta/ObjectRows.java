package io.mockfactory.storage.meta;

import io.mockfactory.kit.db.NamedStatement;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Object metadata rows. Writes return the blob they made unreachable, which the caller dooms in the same transaction. */
@Singleton
public class ObjectRows {
    private static final String COLUMNS = "bucket_id, key, blob_id, size, etag, last_modified, content_type, headers,"
            + " user_metadata, checksum_algorithm, checksum";

    public Optional<StoredObject> find(Connection connection, long bucketId, String key) throws SQLException {
        return findOne(connection, bucketId, key, "");
    }

    /** Reads and locks the current version, so a conditional write decides on what it replaces. */
    public Optional<StoredObject> findForUpdate(Connection tx, long bucketId, String key) throws SQLException {
        return findOne(tx, bucketId, key, " FOR UPDATE");
    }

    private Optional<StoredObject> findOne(Connection connection, long bucketId, String key, String lock) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM objects WHERE bucket_id = ? AND key = ?" + lock)) {
            select.setLong(1, bucketId);
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    /**
     * Inserts or replaces in one statement; the previous version's row is locked first, so of two writers of one key
     * the second sees (and dooms) the first one's blob. @return the blob of the replaced version, if there was one
     */
    public Optional<String> put(Connection tx, StoredObject object) throws SQLException {
        try (NamedStatement upsert = NamedStatement.prepare(tx, "WITH previous AS (SELECT blob_id FROM objects"
                + " WHERE bucket_id = :bucket AND key = :key FOR UPDATE)"
                + " INSERT INTO objects (" + COLUMNS + ") VALUES (:bucket, :key, :blob, :size, :etag, :modified,"
                + " :contentType, :headers::jsonb, :metadata::jsonb, :checksumAlgorithm, :checksum)"
                + " ON CONFLICT (bucket_id, key) DO UPDATE SET blob_id = EXCLUDED.blob_id, size = EXCLUDED.size,"
                + " etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, content_type = EXCLUDED.content_type,"
                + " headers = EXCLUDED.headers, user_metadata = EXCLUDED.user_metadata,"
                + " checksum_algorithm = EXCLUDED.checksum_algorithm, checksum = EXCLUDED.checksum"
                + " RETURNING (SELECT blob_id FROM previous)")) {
            upsert.setLong("bucket", object.bucketId()).setString("key", object.key())
                    .setString("blob", object.blobId()).setLong("size", object.size()).setString("etag", object.etag())
                    .setObject("modified", Timestamp.from(object.lastModified()))
                    .setString("contentType", object.contentType())
                    .setString("headers", JsonMaps.write(object.headers()))
                    .setString("metadata", JsonMaps.write(object.userMetadata()))
                    .setString("checksumAlgorithm", object.checksumAlgorithm()).setString("checksum", object.checksum());
            try (ResultSet rows = upsert.statement().executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** The object {@code key} of the environment's bucket {@code bucket} in one round trip. */
    public Optional<BucketAndObject> findInBucket(Connection connection, String environmentId, String bucket, String key)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT b.id, b.environment_id, b.name, b.region,"
                + " b.created_at, o.bucket_id, o.key, o.blob_id, o.size, o.etag, o.last_modified, o.content_type, o.headers,"
                + " o.user_metadata, o.checksum_algorithm, o.checksum"
                + " FROM buckets b LEFT JOIN objects o ON o.bucket_id = b.id AND o.key = ?"
                + " WHERE b.environment_id = ? AND b.name = ?")) {
            select.setString(1, key);
            select.setString(2, environmentId);
            select.setString(3, bucket);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Bucket found = new Bucket(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getTimestamp(5).toInstant());
                StoredObject object = rows.getString(8) == null ? null : new StoredObject(rows.getLong(6), rows.getString(7),
                        rows.getString(8), rows.getLong(9), rows.getString(10), rows.getTimestamp(11).toInstant(),
                        rows.getString(12), JsonMaps.read(rows.getString(13)), JsonMaps.read(rows.getString(14)),
                        rows.getString(15), rows.getString(16));
                return Optional.of(new BucketAndObject(found, Optional.ofNullable(object)));
            }
        }
    }

    public record BucketAndObject(Bucket bucket, Optional<StoredObject> object) {
    }

    /** @return the deleted object's blob, if the key existed */
    public Optional<String> delete(Connection tx, long bucketId, String key) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement(
                "DELETE FROM objects WHERE bucket_id = ? AND key = ? RETURNING blob_id")) {
            delete.setLong(1, bucketId);
            delete.setString(2, key);
            try (ResultSet rows = delete.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Keys in S3 order (byte-wise UTF-8) from {@code from}, served by the primary key index.
     *
     * @param inclusive whether {@code from} itself may be returned
     */
    public List<StoredObject> listFrom(Connection connection, long bucketId, String from, boolean inclusive, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM objects WHERE bucket_id = ? AND key " + (inclusive ? ">=" : ">") + " ? ORDER BY key LIMIT ?")) {
            select.setLong(1, bucketId);
            select.setString(2, from);
            select.setInt(3, limit);
            List<StoredObject> objects = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    objects.add(read(rows));
                }
            }
            return objects;
        }
    }

    private static StoredObject read(ResultSet rows) throws SQLException {
        return new StoredObject(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getString(5),
                rows.getTimestamp(6).toInstant(), rows.getString(7), JsonMaps.read(rows.getString(8)),
                JsonMaps.read(rows.getString(9)), rows.getString(10), rows.getString(11));
    }
}
