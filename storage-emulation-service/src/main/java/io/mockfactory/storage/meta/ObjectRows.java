package io.mockfactory.storage.meta;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading object versions: the latest, one by version id, and key-ordered listings. Writes are {@link ObjectWrites}. */
@Singleton
public class ObjectRows {
    static final String COLUMNS = "bucket_id, key, blob_id, size, etag, last_modified, content_type, headers,"
            + " user_metadata, checksum_algorithm, checksum, version_id, is_latest, delete_marker, tags, acl, parts,"
            + " checksum_type";
    private static final int COLUMN_COUNT = 18;

    /** The latest version of {@code key} unless it is a delete marker: what "the object" means to a read or a copy. */
    public Optional<StoredObject> find(Connection connection, long bucketId, String key) throws SQLException {
        return latest(connection, bucketId, key, false).filter(object -> !object.deleteMarker());
    }

    /** Reads and locks the current object (not a marker), so a conditional write decides on what it replaces. */
    public Optional<StoredObject> findForUpdate(Connection tx, long bucketId, String key) throws SQLException {
        return latest(tx, bucketId, key, true).filter(object -> !object.deleteMarker());
    }

    /** The latest version, delete marker or not. */
    public Optional<StoredObject> latest(Connection connection, long bucketId, String key, boolean lock) throws SQLException {
        return one(connection, "SELECT " + COLUMNS + " FROM objects WHERE bucket_id = ? AND key = ? AND is_latest"
                + (lock ? " FOR UPDATE" : ""), bucketId, key, null);
    }

    public Optional<StoredObject> version(Connection connection, long bucketId, String key, String versionId, boolean lock)
            throws SQLException {
        return one(connection, "SELECT " + COLUMNS + " FROM objects WHERE bucket_id = ? AND key = ? AND version_id = ?"
                + (lock ? " FOR UPDATE" : ""), bucketId, key, versionId);
    }

    /** {@code versionId} null for the latest version. */
    public Optional<StoredObject> find(Connection connection, long bucketId, String key, String versionId) throws SQLException {
        return versionId == null ? latest(connection, bucketId, key, false) : version(connection, bucketId, key, versionId, false);
    }

    private Optional<StoredObject> one(Connection connection, String sql, long bucketId, String key, String versionId)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, bucketId);
            select.setString(2, key);
            if (versionId != null) {
                select.setString(3, versionId);
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows, 1)) : Optional.empty();
            }
        }
    }

    /**
     * The bucket {@code bucket} of the environment and the version of {@code key} asked for (latest when
     * {@code versionId} is null, delete markers included) in one round trip.
     */
    public Optional<BucketAndObject> findInBucket(Connection connection, String environmentId, String bucket, String key,
                                                  String versionId) throws SQLException {
        String objectColumns = "o." + COLUMNS.replace(", ", ", o.");
        try (PreparedStatement select = connection.prepareStatement("SELECT " + "b." + Buckets.COLUMNS.replace(", ", ", b.")
                + ", " + objectColumns + " FROM buckets b LEFT JOIN objects o ON o.bucket_id = b.id AND o.key = ? AND "
                + (versionId == null ? "o.is_latest" : "o.version_id = ?")
                + " WHERE b.environment_id = ? AND b.name = ?")) {
            int at = 1;
            select.setString(at++, key);
            if (versionId != null) {
                select.setString(at++, versionId);
            }
            select.setString(at++, environmentId);
            select.setString(at, bucket);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Bucket found = new Bucket(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getTimestamp(5).toInstant(), rows.getString(6));
                StoredObject object = rows.getObject(7) == null ? null : read(rows, 7);
                return Optional.of(new BucketAndObject(found, Optional.ofNullable(object)));
            }
        }
    }

    public record BucketAndObject(Bucket bucket, Optional<StoredObject> object) {
    }

    /**
     * Current objects (latest versions that are not delete markers) in S3 order (byte-wise UTF-8) from {@code from},
     * served by the latest-version index.
     *
     * @param inclusive whether {@code from} itself may be returned
     */
    public List<StoredObject> listFrom(Connection connection, long bucketId, String from, boolean inclusive, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM objects WHERE bucket_id = ? AND key " + (inclusive ? ">=" : ">") + " ? AND is_latest"
                + " AND NOT delete_marker ORDER BY key LIMIT ?")) {
            select.setLong(1, bucketId);
            select.setString(2, from);
            select.setInt(3, limit);
            return readAll(select);
        }
    }

    /**
     * Every version (delete markers included) from key {@code from}, by key and then newest first. Versions of
     * {@code from} itself newer than or as new as {@code beforeSeq} are left out (the rest of a page already seen).
     */
    public List<VersionRow> versionsFrom(Connection connection, long bucketId, String from, long beforeSeq, int limit)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + ", seq FROM objects"
                + " WHERE bucket_id = ? AND key >= ? AND NOT (key = ? AND seq >= ?) ORDER BY key, seq DESC LIMIT ?")) {
            select.setLong(1, bucketId);
            select.setString(2, from);
            select.setString(3, from);
            select.setLong(4, beforeSeq);
            select.setInt(5, limit);
            List<VersionRow> versions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    versions.add(new VersionRow(read(rows, 1), rows.getLong(COLUMN_COUNT + 1)));
                }
            }
            return versions;
        }
    }

    /** Where a version sits in listing order, for a version-id-marker. */
    public Optional<Long> seqOf(Connection connection, long bucketId, String key, String versionId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT seq FROM objects WHERE bucket_id = ? AND key = ? AND version_id = ?")) {
            select.setLong(1, bucketId);
            select.setString(2, key);
            select.setString(3, versionId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    /** A version with its position in listing order. */
    public record VersionRow(StoredObject object, long seq) {
    }

    private static List<StoredObject> readAll(PreparedStatement select) throws SQLException {
        List<StoredObject> objects = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                objects.add(read(rows, 1));
            }
        }
        return objects;
    }

    /** @param at the column of {@code bucket_id}; the others follow in {@link #COLUMNS} order */
    static StoredObject read(ResultSet rows, int at) throws SQLException {
        return new StoredObject(rows.getLong(at), rows.getString(at + 1), rows.getString(at + 2), rows.getLong(at + 3),
                rows.getString(at + 4), rows.getTimestamp(at + 5).toInstant(), rows.getString(at + 6),
                JsonMaps.read(rows.getString(at + 7)), JsonMaps.read(rows.getString(at + 8)), rows.getString(at + 9),
                rows.getString(at + 10), rows.getString(at + 11), rows.getBoolean(at + 12), rows.getBoolean(at + 13),
                JsonMaps.read(rows.getString(at + 14)), rows.getString(at + 15), JsonMaps.readParts(rows.getString(at + 16)),
                rows.getString(at + 17));
    }
}
